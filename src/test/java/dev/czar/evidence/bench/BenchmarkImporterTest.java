package dev.czar.evidence.bench;

import dev.czar.chat.Json;
import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BenchmarkImporterTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T12:00:00Z"), ZoneOffset.UTC);

    final Database db = MemoryDatabase.open();
    final BenchmarkImporter importer = new BenchmarkImporter(db, CLOCK);
    final BenchmarkStore store = new BenchmarkStore(db);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_insert_good_rows_and_reject_noise_with_file_line_and_reason() {
        // given a CSV with a BOM, N/None/NaN/empty values, a duplicated run, a bad optional cell and a ragged row
        Path file = Fixtures.copy("bench/noisy.csv", dir);

        // when
        ImportReport report = importer.importFiles(List.of(file), null, false);

        // then
        assertThat(report.inserted()).isEqualTo(5);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.rejected()).extracting(ImportReport.Rejection::file, ImportReport.Rejection::line)
                .containsExactly(tuple("noisy.csv", 5), tuple("noisy.csv", 6), tuple("noisy.csv", 7), tuple("noisy.csv", 8),
                        tuple("noisy.csv", 9), tuple("noisy.csv", 14), tuple("noisy.csv", 15));
        assertThat(report.rejected()).extracting(ImportReport.Rejection::reason).containsExactly(
                "value 'N' is not a number", "value 'None' is not a number", "value 'NaN' is not a number",
                "value '' is not a number", "benchmark is empty ('')", "value '1e999' is out of range",
                "has 13 cells but the header names 11 columns");
        assertThat(store.count()).isEqualTo(5);
    }

    @Test
    void should_add_nothing_when_the_same_file_is_imported_again() {
        // given
        Path file = Fixtures.copy("bench/noisy.csv", dir);
        importer.importFiles(List.of(file), null, false);
        long rows = store.count();

        // when
        ImportReport again = importer.importFiles(List.of(file), null, false);

        // then
        assertThat(again.inserted()).isZero();
        assertThat(again.duplicates()).isEqualTo(6);
        assertThat(store.count()).isEqualTo(rows);
    }

    @Test
    void should_number_a_runs_metrics_by_slot_and_add_new_metrics_of_a_stored_run_after_its_last() throws Exception {
        // given a run stored with two metrics
        String header = "timestamp,commit,benchmark,iteration,metric,value,unit\n";
        String run = "2026-11-02T09:00:00Z,abcdef12,parse_json,1,";
        Path first = dir.resolve("results.csv");
        java.nio.file.Files.writeString(first, header + run + "time,12.5,ms\n" + run + "energy,3,J\n");
        importer.importFiles(List.of(first), null, false);

        // when the same run comes again (same file name) with one old and one new metric
        Path second = java.nio.file.Files.createDirectories(dir.resolve("again")).resolve("results.csv");
        java.nio.file.Files.writeString(second, header + run + "energy,3,J\n" + run + "rss,12,MiB\n");
        ImportReport report = importer.importFiles(List.of(second), null, false);

        // then the new metric takes the run's next slot and the old one is a duplicate
        assertThat(report.inserted()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT m.id, m.metric, r.id FROM bench_metrics m JOIN bench_runs r ON r.id = m.run_id ORDER BY m.id")) {
            List<Object> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                long runId = rs.getLong(3);
                rows.add(tuple(rs.getLong(1) - runId * MetricIds.SLOTS_PER_RUN, rs.getString(2)));
            }
            assertThat(rows).containsExactly(tuple(0L, "time"), tuple(1L, "energy"), tuple(2L, "rss"));
        }
        assertThat(store.history("parse_json", null, 10)).extracting(BenchRow::metric).containsExactlyInAnyOrder("time", "energy", "rss");
    }

    @Test
    void should_store_canonical_values_next_to_the_raw_cells_and_the_conversion() throws SQLException {
        // given
        Path file = Fixtures.copy("bench/noisy.csv", dir);

        // when
        importer.importFiles(List.of(file), null, false);

        // then: ms, s and a unit glued to the value all end up in seconds; energy stays in joules
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT source_line, metric, metric_value, unit, raw_value, raw_unit, conversion, raw_fields, notes"
                        + " FROM bench_metrics ORDER BY source_line")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getDouble(3)).isEqualTo(0.0125);
            assertThat(rs.getString(4)).isEqualTo("s");
            assertThat(rs.getString(5)).isEqualTo("12.5");
            assertThat(rs.getString(6)).isEqualTo("ms");
            assertThat(rs.getString(7)).isEqualTo("x 0.001 (ms -> s)");
            assertThat(rs.getString(8)).isEqualTo("{\"cpu_temp_c\":\"61\",\"energy_uj\":\"840000\"}");
            rs.next();
            assertThat(rs.getString(2)).isEqualTo("energy");
            assertThat(rs.getDouble(3)).isEqualTo(0.84);
            assertThat(rs.getString(4)).isEqualTo("J");
            assertThat(rs.getString(7)).isNull();
            rs.next();
            assertThat(rs.getDouble(3)).isEqualTo(0.0126);
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(10);
            assertThat(rs.getDouble(3)).isCloseTo(0.0123, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(rs.getString(6)).isEqualTo("us");
            assertThat(rs.getString(9)).isEqualTo("iteration 'eight' is not a whole number (stored as NULL)");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(11);
            assertThat(rs.getString(9)).isEqualTo("commit 'zzz' is not a hex SHA (stored as NULL);"
                    + " timestamp 'not a date' is not a date-time (stored as NULL)");
        }
    }

    @Test
    void should_report_a_header_only_file_as_empty_without_error() {
        // given
        Path file = Fixtures.copy("bench/header-only.csv", dir);

        // when
        ImportReport report = importer.importFiles(List.of(file), null, false);

        // then
        assertThat(report.inserted()).isZero();
        assertThat(report.rejected()).isEmpty();
        assertThat(report.render()).contains("header-only.csv (csv): 0 records").contains("no records: empty or header only");
    }

    @Test
    void should_read_jsonl_and_logfmt_and_reject_broken_lines() {
        // given
        Path jsonl = Fixtures.copy("bench/results.jsonl", dir);
        Path log = Fixtures.copy("bench/results.log", dir);

        // when
        ImportReport report = importer.importFiles(List.of(jsonl, log), null, false);

        // then
        assertThat(report.inserted()).isEqualTo(3);
        assertThat(report.rejected()).extracting(ImportReport.Rejection::file, ImportReport.Rejection::line)
                .containsExactly(tuple("results.jsonl", 3), tuple("results.jsonl", 4), tuple("results.jsonl", 5),
                        tuple("results.log", 2), tuple("results.log", 4));
        BenchRow throughput = store.history("render_page", null, 10).get(0);
        assertThat(throughput.value()).isEqualTo(1500.0);
        assertThat(throughput.unit()).isEqualTo("ops/s");
        assertThat(throughput.describeValue()).isEqualTo("1500 ops/s (1.5 ops/ms)");
    }

    @Test
    void should_print_the_json_report_in_the_documented_shape() {
        // given
        Path file = Fixtures.copy("bench/results.jsonl", dir);

        // when
        String json = Json.write(importer.importFiles(List.of(file), null, true));

        // then
        assertThat(json).startsWith("{\"inserted\":2,\"duplicates\":0,\"rejected\":[{\"file\":\"results.jsonl\",\"line\":3,")
                .endsWith("\"dry_run\":true}").doesNotContain("files");
    }
}
