package dev.czar.evidence.bench;

import dev.czar.store.Database;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V100 keyed stored runs by the first 128 bits of their hash, V110 re-keys them by timestamp and hash bits
 * ({@link RunKey}): a store written before either keeps working.
 */
class RunKeyMigrationTest {
    static final Instant RAN_AT = Instant.parse("2026-11-02T09:00:00Z");

    @TempDir
    Path home;

    @Test
    void should_recognise_runs_stored_before_the_migration_and_number_new_runs_after_them() throws Exception {
        // given a home whose database stops at V80 and holds run 1 (id 41) the way the importer stored it then
        String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("czar");
        Files.createDirectories(home.resolve("db"));
        Flyway.configure().dataSource(url, "czar", "").locations(dev.czar.store.SqlVendor.H2.migrationLocations().toArray(String[]::new))
                .target("80").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "czar", "")) {
            storeOldRun(c, 41, hash(1), 1);
        }
        Path file = home.resolve("results.csv");
        Files.writeString(file, "timestamp,commit,benchmark,iteration,metric,value,unit\n"
                + "2026-11-02T09:00:00Z,abcdef12,parse_json,1,time,12.5,ms\n"
                + "2026-11-02T09:00:00Z,abcdef12,parse_json,2,time,13.5,ms\n");

        // when czar opens it (migrating to the newest version) and imports both runs
        try (Database db = Database.open(home)) {
            ImportReport report = new BenchmarkImporter(db, BenchmarkImporterTest.CLOCK).importFiles(List.of(file), null, false);

            // then the stored run is found by its key, the new one is numbered after it, and queries see both
            assertThat(report.duplicates()).isEqualTo(1);
            assertThat(report.inserted()).isEqualTo(1);
            try (Connection c = db.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, iteration, run_key FROM bench_runs ORDER BY id")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(41);
                assertThat(rs.getObject(3)).isEqualTo(RunKey.of(hash(1), RAN_AT));
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(42);
                assertThat(rs.getInt(2)).isEqualTo(2);
                assertThat(rs.next()).isFalse();
            }
            assertThat(new BenchmarkStore(db).history("parse_json", null, 10)).extracting(BenchRow::iteration)
                    .containsExactlyInAnyOrder(1, 2);
            // V120 renumbered the stored metric by its run and slot, keeping the old id for audit
            try (Connection c = db.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT m.id, n.old_id FROM bench_metrics m"
                         + " LEFT JOIN bench_metric_renumbered n ON n.new_id = m.id ORDER BY m.id")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(41_000_000L);
                assertThat(rs.getLong(2)).isEqualTo(1);
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(42_000_000L);
                assertThat(rs.getObject(2)).isNull();
            }
        }
    }

    @Test
    void should_reject_a_record_whose_run_key_belongs_to_a_stored_run_with_another_hash() throws Exception {
        // given a stored run with the key of iteration 1 but a different full hash (a collision of the key's hash bits)
        String real = hash(1);
        String other = real.substring(0, 20) + "0".repeat(44);
        try (Database db = Database.open(home)) {
            try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("INSERT INTO bench_runs"
                    + " (run_key, run_hash, source, benchmark, imported_at) VALUES (?, ?, 'x.csv', 'b',"
                    + " CURRENT_TIMESTAMP)")) {
                st.setObject(1, RunKey.of(other, RAN_AT));
                st.setString(2, other);
                st.executeUpdate();
            }
            Path file = home.resolve("results.csv");
            Files.writeString(file, "timestamp,commit,benchmark,iteration,metric,value,unit\n"
                    + "2026-11-02T09:00:00Z,abcdef12,parse_json,1,time,12.5,ms\n");
            BenchmarkImporter importer = new BenchmarkImporter(db, BenchmarkImporterTest.CLOCK);

            // when it is imported, and dry-run
            ImportReport dry = importer.importFiles(List.of(file), null, true);
            ImportReport report = importer.importFiles(List.of(file), null, false);

            // then the record is rejected, not merged into the other run
            for (ImportReport r : List.of(dry, report)) {
                assertThat(r.inserted()).isZero();
                assertThat(r.rejected()).singleElement().satisfies(rej -> {
                    assertThat(rej.line()).isEqualTo(2);
                    assertThat(rej.reason()).contains(real).contains("different stored run");
                });
            }
            assertThat(new BenchmarkStore(db).count()).isZero();
        }
    }

    private static String hash(int iteration) {
        return new RunHasher().hash("results.csv", "parse_json", null, iteration, "abcdef12", RAN_AT);
    }

    /** The V60 layout: the run hash as hex under UNIQUE, ids from the identity column. */
    private static void storeOldRun(Connection c, long id, String runHash, int iteration) throws SQLException {
        try (PreparedStatement run = c.prepareStatement("INSERT INTO bench_runs (id, run_hash, source, benchmark, iteration,"
                + " commit_sha, ran_at, imported_at) VALUES (?, ?, 'results.csv', 'parse_json', ?, 'abcdef12', ?, ?)");
             PreparedStatement metric = c.prepareStatement("INSERT INTO bench_metrics (run_id, metric, metric_value, unit,"
                     + " raw_value, raw_unit, conversion, source_line) VALUES (?, 'time', 0.0125, 's', '12.5', 'ms',"
                     + " 'x 0.001 (ms -> s)', 2)")) {
            run.setLong(1, id);
            run.setString(2, runHash);
            run.setInt(3, iteration);
            run.setObject(4, RAN_AT.atOffset(java.time.ZoneOffset.UTC));
            run.setObject(5, RAN_AT.atOffset(java.time.ZoneOffset.UTC));
            run.executeUpdate();
            metric.setLong(1, id);
            metric.executeUpdate();
        }
    }
}
