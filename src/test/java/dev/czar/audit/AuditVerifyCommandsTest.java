package dev.czar.audit;

import dev.czar.store.OwnerAccess;
import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import dev.czar.command.AccessPolicy;
import dev.czar.command.CommandPath;
import dev.czar.command.CommandRegistry;
import dev.czar.config.AccessConfig;
import dev.czar.digest.Digest;
import dev.czar.digest.DigestFixture;
import dev.czar.digest.Digests;
import dev.czar.store.AuditLog;
import dev.czar.store.AuditVerifier;
import dev.czar.store.Database;
import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18 item 2: {@code czar audit verify}, {@code /czar audit verify} and digests report a tampered audit log. */
class AuditVerifyCommandsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    /** The attacker of the finding: an H2 admin on the shared database, dropping the guard and rewriting with SQL. */
    static void tamper(Database db, String... sql) throws SQLException {
        try (Connection c = OwnerAccess.connect(db); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS audit_log_append_only");
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    @Test
    void czar_audit_verify_passes_an_untouched_log_and_names_the_first_broken_link_of_a_rewritten_one() throws Exception {
        // given a home whose audit log has three commands
        TempGitRepo repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "hello\n"));
        Path home = tmp.resolve("home");
        String[] verify = {"audit", "verify", "--repo", repo.dir().toString(), "--home", home.toString()};
        try (Database db = Database.open(home)) {
            AuditLog audit = new AuditLog(db, CLOCK);
            audit.record("U1", "C1", "kill", "fix-login", "refused", "role viewer");
            audit.record("U2", "C1", "kill", "fix-login", "ok", null);
            audit.record("U2", "C1", "merge", "fix-login", "ok", null);
        }

        // when the log is untouched
        CliRun intact = CliRun.run(Map.of(), CLOCK, verify);

        // then
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).matches("audit log intact: 3 rows, chain head [0-9a-f]{64}\\R");

        // when someone turns the refusal into an allowed kill and deletes the merge
        try (Database db = Database.open(home)) {
            tamper(db, "UPDATE audit_log SET outcome = 'ok', detail = NULL WHERE id = 1", "DELETE FROM audit_log WHERE id = 3");
        }
        CliRun broken = CliRun.run(Map.of(), CLOCK, verify);

        // then the first broken link is named, exit 1
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).isEqualTo("czar: audit log TAMPERED: first broken link at row 1: its fields (time, user,"
                + " channel, command, arguments, outcome, detail) do not match its hash (rewritten after it was written)"
                + System.lineSeparator());
        repo.close();
    }

    @Test
    void slash_czar_audit_verify_answers_through_the_command_path() throws Exception {
        try (Database db = Database.open("jdbc:h2:mem:audit-cmd-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            AuditLog audit = new AuditLog(db, CLOCK);
            CommandPath path = new CommandPath(new CommandRegistry().register(AuditCommand.SPEC,
                    new AuditCommand(new AuditVerifier(db))), new AccessPolicy(new AccessConfig(null, null, null)), audit);
            audit.record("U1", "C1", "status", "", "ok", null);

            Answer intact = path.execute(message("/czar audit verify"));
            tamper(db, "UPDATE audit_log SET user_id = 'U_SOMEONE_ELSE' WHERE id = 1");
            Answer broken = path.execute(message("/czar audit verify"));
            Answer usage = path.execute(message("/czar audit"));

            assertThat(intact.text()).startsWith("audit log intact: 1 rows, chain head ");
            assertThat(broken.text()).startsWith("audit log TAMPERED: first broken link at row 1: its fields");
            assertThat(usage.text()).contains("usage: audit verify");
            assertThat(audit.recent(3)).extracting(AuditLog.Entry::outcome).containsExactly("failed", "tampered", "ok");
        }
    }

    @Test
    void a_digest_starts_with_a_warning_when_the_audit_chain_is_broken() throws Exception {
        try (DigestFixture fx = new DigestFixture(tmp)) {
            new AuditLog(fx.db, fx.clock).record("U1", "C1", "launch", "fix-login Fix it", "ok", null);
            Digests digests = new Digests(fx.digests().composer(), fx.digests().marks(),
                    () -> Optional.of(new AuditVerifier(fx.db).verify()));

            Digest before = digests.next("C1");
            tamper(fx.db, "DELETE FROM audit_log WHERE id = 1");
            Digest after = digests.next("C1");

            assertThat(before.render()).doesNotContain("WARNING");
            assertThat(after.render()).startsWith("WARNING: audit log TAMPERED: first broken link at row 1: the chain head"
                    + " records 1 rows ending at row 1, the log has 0 rows ending at row 0 (rows at the end were deleted)"
                    + " (run czar audit verify)\n");
        }
    }

    private static Message message(String text) {
        return new Message(text, "U1", "C1", "1700000000.0001", CLOCK.instant());
    }
}
