package dev.czar.cli;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.UserError;
import dev.czar.store.AuditLog;
import dev.czar.testsupport.TempGitRepo;
import dev.czar.workers.WorkerCommands;
import dev.czar.workers.WorkerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CLI verbs run through the chat command pipeline: the same access check and an audit row for every outcome. The
 * verb's work is given as the action a subcommand hands over, so a failure nobody expected can be made to happen.
 */
class LocalCommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    TempGitRepo repo;
    CzarApp app;

    @BeforeEach
    void start() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "demo\n"));
        app = Czar.assemble(new StartOptions(repo.dir(), tmp.resolve("home"), null, Map.of(), CLOCK));
    }

    @AfterEach
    void stop() {
        app.close();
        repo.close();
    }

    @Test
    void should_audit_a_cli_verb_that_fails_with_an_unexpected_error_and_still_report_it_as_internal() {
        // when
        IllegalStateException bug = new IllegalStateException("the process table is full");

        // then
        assertThatThrownBy(() -> LocalCommands.run(app, CLOCK, WorkerCommands.KILL, "w1", () -> {
            throw bug;
        })).isSameAs(bug);
        AuditLog.Entry entry = audit();
        assertThat(entry.command()).isEqualTo("kill");
        assertThat(entry.arguments()).isEqualTo("w1");
        assertThat(entry.channel()).isEqualTo("cli");
        assertThat(entry.user()).isEqualTo(CzarCommand.localUser());
        assertThat(entry.outcome()).isEqualTo("failed");
        assertThat(entry.detail()).contains("the process table is full");
    }

    @Test
    void should_turn_a_worker_failure_into_one_line_and_audit_it() {
        assertThatThrownBy(() -> LocalCommands.run(app, CLOCK, WorkerCommands.KILL, "w1", () -> {
            throw new WorkerException("no workstream named 'w1'");
        })).isInstanceOf(UserError.class).hasMessage("no workstream named 'w1'");

        assertThat(audit().outcome()).isEqualTo("failed");
        assertThat(audit().detail()).isEqualTo("no workstream named 'w1'");
    }

    @Test
    void should_print_what_the_verb_returned_and_audit_it_as_ok() {
        String out = LocalCommands.run(app, CLOCK, WorkerCommands.PAUSE, "w1", () -> "Paused w1.");

        assertThat(out).isEqualTo("Paused w1.");
        assertThat(audit().outcome()).isEqualTo("ok");
    }

    private AuditLog.Entry audit() {
        List<AuditLog.Entry> newest = new AuditLog(app.database(), CLOCK).recent(1);
        assertThat(newest).as("audit rows").isNotEmpty();
        return newest.get(0);
    }
}
