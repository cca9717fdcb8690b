package dev.czar.store;

import dev.czar.evidence.bench.TimeOrderedRunKeysMigration;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.MutableClock;
import dev.czar.testsupport.TestStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Issue 18 item 2: the audit log is a hash chain; plain-SQL rewrites and deletions are found at the first broken link. */
class AuditChainTest {
    final TestStore store = MemoryDatabase.reopenable();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.123456789Z"));
    final List<Database> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    Database open() {
        Database db = store.open();
        opened.add(db);
        return db;
    }

    void fiveCommands(AuditLog audit) {
        for (int i = 1; i <= 5; i++) {
            audit.record("U" + i, "C1", "launch", "task-" + i + " do thing " + i, "ok", i % 2 == 0 ? null : "detail " + i);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /** What an attacker with the database's admin rights does: drop the guard, then rewrite with plain SQL. */
    static void tamper(Database db, String sql) throws SQLException {
        try (Connection c = OwnerAccess.connect(db); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS audit_log_append_only" + (db.vendor() == SqlVendor.POSTGRESQL ? " ON audit_log" : ""));
            st.execute(sql);
        }
    }

    @Test
    void should_verify_an_untouched_log_and_name_its_chain_head() throws Exception {
        // given
        Database db = open();
        fiveCommands(new AuditLog(db, clock));

        // when
        AuditVerification result = new AuditVerifier(db).verify();

        // then
        assertThat(result.intact()).isTrue();
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.head()).isEqualTo(lastStoredHash(db)).hasSize(64);
        assertThat(result.line()).isEqualTo("audit log intact: 5 rows, chain head " + result.head());
    }

    @Test
    void should_verify_an_empty_log() {
        assertThat(new AuditVerifier(open()).verify().line())
                .isEqualTo("audit log intact: 0 rows, chain head " + AuditChain.GENESIS);
    }

    @Test
    void should_report_a_row_whose_arguments_were_rewritten() throws Exception {
        // given
        Database db = open();
        fiveCommands(new AuditLog(db, clock));

        // when
        tamper(db, "UPDATE audit_log SET arguments = 'task-3 something harmless' WHERE id = 3");

        // then
        AuditVerification result = new AuditVerifier(db).verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).contains(3L);
        assertThat(result.line()).startsWith("audit log TAMPERED: first broken link at row 3: its fields")
                .contains("rewritten");
    }

    @Test
    void should_report_a_row_whose_outcome_was_rewritten_even_when_the_attacker_rehashed_nothing_else() throws Exception {
        Database db = open();
        fiveCommands(new AuditLog(db, clock));

        tamper(db, "UPDATE audit_log SET outcome = 'refused' WHERE id = 4");

        assertThat(new AuditVerifier(db).verify().brokenAt()).contains(4L);
    }

    @Test
    void should_report_the_row_after_a_deleted_one() throws Exception {
        Database db = open();
        fiveCommands(new AuditLog(db, clock));

        tamper(db, "DELETE FROM audit_log WHERE id = 2");

        AuditVerification result = new AuditVerifier(db).verify();
        assertThat(result.brokenAt()).contains(3L);
        assertThat(result.problem()).contains("it does not chain from row 1 (a row between them was deleted or inserted)");
    }

    @Test
    void should_report_a_deleted_first_row_and_deleted_last_rows() throws Exception {
        Database db = open();
        fiveCommands(new AuditLog(db, clock));

        tamper(db, "DELETE FROM audit_log WHERE id = 5");
        assertThat(new AuditVerifier(db).verify().problem()).contains(
                "the chain head records 5 rows ending at row 5, the log has 4 rows ending at row 4 (rows at the end were deleted)");

        tamper(db, "DELETE FROM audit_log WHERE id = 1");
        assertThat(new AuditVerifier(db).verify().line()).isEqualTo("audit log TAMPERED: first broken link at row 2:"
                + " the first row does not chain from the genesis (rows before it were deleted)");
    }

    @Test
    void should_report_a_row_inserted_behind_czars_back() throws Exception {
        Database db = open();
        fiveCommands(new AuditLog(db, clock));

        tamper(db, "INSERT INTO audit_log (at, user_id, channel, command, arguments, outcome)"
                + " VALUES (CURRENT_TIMESTAMP, 'U9', 'C1', 'merge', 'x', 'ok')");

        assertThat(new AuditVerifier(db).verify().line())
                .isEqualTo("audit log TAMPERED: first broken link at row 6: the row has no hash (written behind czar's back)");
    }

    @Test
    void should_refuse_updates_and_deletes_of_audit_rows_in_the_database() {
        Database db = open();
        fiveCommands(new AuditLog(db, clock));

        for (String sql : List.of("UPDATE audit_log SET outcome = 'refused' WHERE id = 1", "DELETE FROM audit_log",
                "DELETE FROM audit_chain_head")) {
            assertThatThrownBy(() -> {
                try (Connection c = db.connection(); Statement st = c.createStatement()) {
                    st.execute(sql);
                }
            }).as(sql).hasMessageContaining("is append-only");
        }
        assertThat(new AuditVerifier(db).verify().intact()).isTrue();
    }

    @Test
    void should_not_fork_the_chain_when_appends_race() throws Exception {
        // given two "processes" (separate connections) appending at once
        Database db = open();
        AuditLog audit = new AuditLog(db, clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        audit.record("U" + thread, "C1", "status", "n" + i, "ok", null);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        // then one chain of all 200 rows
        AuditVerification result = new AuditVerifier(db).verify();
        assertThat(result.line()).startsWith("audit log intact: 200 rows");
    }

    @Test
    void should_not_fork_the_chain_when_two_processes_sharing_a_home_append_at_once(@TempDir Path home) throws Exception {
        assumeFalse(MemoryDatabase.onPostgresql(), "H2's shared home; on PostgreSQL each process has its own pool (see the race above)");
        // given this process serving the home's database, and a second JVM connected through it
        try (Database db = Database.open(home)) {
            AuditLog audit = new AuditLog(db, clock);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dh2.bindAddress=127.0.0.1", "-cp", System.getProperty("java.class.path"),
                    AppendInChildProcess.class.getName(), home.toString(), "300").redirectErrorStream(true).start();

            var childOut = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = childOut.readLine();
            assertThat(first).isEqualTo("ready");

            // when both append at once
            for (int i = 0; i < 300; i++) {
                audit.record("parent", "cli", "status", "n" + i, "ok", null);
            }
            String output = first + "\n" + childOut.lines().collect(java.util.stream.Collectors.joining("\n"));
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

            // then one chain holds all 600 rows
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(new AuditVerifier(db).verify().line()).startsWith("audit log intact: 600 rows");
            assertThat(interleavings(db)).as("appends of the two processes alternated").isGreaterThan(1);
        }
    }

    @Test
    void should_chain_rows_written_before_the_migration() throws Exception {
        // given a database at the version before the chain, with rows in it
        Flyway.configure().dataSource(store.url(), store.user(), store.password())
                .locations(store.vendor().migrationLocations().toArray(String[]::new))
                .javaMigrations(new TimeOrderedRunKeysMigration(), new AuditChainMigration()).target("120").load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(store.url(), store.user(), store.password());
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO audit_log (at, user_id, channel, command, arguments, outcome, detail) VALUES"
                    + " (TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00.123456+00', 'U1', 'C1', 'launch', 'a b', 'ok', NULL),"
                    + " (TIMESTAMP WITH TIME ZONE '2026-11-01 11:00:00+02', 'U2', 'C1', 'kill', 'a', 'refused', 'role viewer')");
        }

        // when czar opens it
        Database db = open();
        new AuditLog(db, clock).record("U3", "cli", "status", "", "ok", null);

        // then the old rows are chained and new ones follow them
        assertThat(new AuditVerifier(db).verify().line()).startsWith("audit log intact: 3 rows");
    }

    /** How often consecutive rows come from different writers. */
    private static int interleavings(Database db) throws SQLException {
        int changes = 0;
        String previous = null;
        try (Connection c = db.connection(); var rs = c.createStatement().executeQuery("SELECT user_id FROM audit_log ORDER BY id")) {
            while (rs.next()) {
                changes += previous != null && !previous.equals(rs.getString(1)) ? 1 : 0;
                previous = rs.getString(1);
            }
        }
        return changes;
    }

    private static String lastStoredHash(Database db) throws SQLException {
        try (Connection c = db.connection(); var rs = c.createStatement()
                .executeQuery("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
