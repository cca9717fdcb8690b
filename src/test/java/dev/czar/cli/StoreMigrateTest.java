package dev.czar.cli;

import dev.czar.evidence.bench.BenchmarkImporter;
import dev.czar.evidence.bench.BenchmarkStore;
import dev.czar.store.AuditLog;
import dev.czar.store.Database;
import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.PostgresServer;
import dev.czar.workers.WorkstreamState;
import dev.czar.workers.FleetHistory;
import dev.czar.workers.WorkstreamStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 23: {@code czar store migrate --from-h2 HOME} copies a home's H2 state into PostgreSQL, once. */
class StoreMigrateTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T05:00:00Z"), ZoneOffset.UTC);
    static final Map<String, String> ENV = Map.of("CZAR_STORE_USER", PostgresServer.USER,
            "CZAR_STORE_PASSWORD", PostgresServer.PASSWORD);

    @TempDir
    Path tmp;
    PostgresServer server;

    @BeforeEach
    void server() {
        server = PostgresServer.shared(); // skipped here on a machine without PostgreSQL, failed in CI
    }

    @Test
    void should_copy_a_homes_h2_state_into_postgresql_once_and_keep_numbering_after_it() throws Exception {
        // given a home with audited commands, a workstream with its history and imported benchmark results
        Path home = tmp.resolve("home");
        Path results = Files.writeString(tmp.resolve("results.csv"), "timestamp,commit,benchmark,iteration,metric,value,unit\n"
                + "2026-11-02T09:00:00Z,abcdef12,parse_json,1,time,12.5,ms\n"
                + "2026-11-02T09:00:00Z,abcdef12,parse_json,2,time,13.5,ms\n");
        try (Database h2 = Database.open(home)) {
            AuditLog audit = new AuditLog(h2, CLOCK);
            audit.record("U1", "C1", "launch", "login Add a login page", "ok", null);
            audit.record("U2", "C1", "kill", "login", "refused", "role viewer");
            new WorkstreamStore(h2, CLOCK).create(new WorkstreamStore.NewWorkstream("login", "Add a login page", 0, null,
                    "U1", "C1", "T1"), WorkstreamState.QUEUED, "launched");
            new BenchmarkImporter(h2, CLOCK).importFiles(List.of(results), null, false);
        }
        String url = server.freshDatabaseUrl();
        Path config = Files.writeString(tmp.resolve("czar.yaml"), "store:\n  url: " + url + "\n");

        // when it is migrated, and migrated again
        CliRun first = CliRun.run(ENV, CLOCK, "store", "migrate", "--from-h2", home.toString(), "--config", config.toString());
        CliRun again = CliRun.run(ENV, CLOCK, "store", "migrate", "--from-h2", home.toString(), "--config", config.toString());

        // then the first copies every row and the audit chain verifies there; the second finds them all there
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("audit_log +2 rows +copied 2")
                .containsPattern("workstreams +1 rows +copied 1").containsPattern("bench_metrics +2 rows +copied 2")
                .contains("audit log intact: 2 rows");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("audit_log +2 rows +already there").contains("copied 0 rows into");
        try (Database pg = Database.openServer(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            AuditLog audit = new AuditLog(pg, CLOCK);
            long next = audit.record("U1", "C1", "status", "", "ok", null);
            assertThat(next).as("new rows are numbered after the copied ones").isEqualTo(3);
            assertThat(audit.verify().line()).startsWith("audit log intact: 3 rows");
            assertThat(new FleetHistory(pg, CLOCK).events("login", 10)).hasSize(1);
            assertThat(new BenchmarkImporter(pg, CLOCK).importFiles(List.of(results), null, false).duplicates())
                    .as("the copied runs are found by their keys").isEqualTo(2);
            assertThat(new BenchmarkStore(pg).count()).isEqualTo(2);
        }
    }

    @Test
    void should_refuse_in_one_line_when_no_postgresql_store_is_configured() throws Exception {
        Path home = tmp.resolve("home");
        Database.open(home).close();

        CliRun run = CliRun.run(ENV, CLOCK, "store", "migrate", "--from-h2", home.toString(),
                "--config", Files.writeString(tmp.resolve("czar.yaml"), "store:\n  url: \"\"\n").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("czar: store.url names no PostgreSQL server").doesNotContain("\n");
    }

    @Test
    void should_refuse_a_home_without_a_database_instead_of_creating_one() {
        Path config = tmp.resolve("czar.yaml");
        CliRun run = CliRun.run(ENV, CLOCK, "store", "migrate", "--from-h2", tmp.resolve("nothing").toString(),
                "--config", writeConfig(config, server.freshDatabaseUrl()).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("czar: no czar database under ");
        assertThat(tmp.resolve("nothing")).doesNotExist();
    }

    private static Path writeConfig(Path config, String url) {
        try {
            return Files.writeString(config, "store:\n  url: " + url + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
