package dev.czar.evidence.bench;

import dev.czar.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a timed test: a benchmark that records figures. Runs only with {@code ./mvnw verify -Pbench} (the default
 * build does not pick up {@code *Benchmark} classes). Imports {@code czar.bench.rows} rows (default 1,000,000) into a
 * fresh file database and, in the same run and JVM, loads the same file with H2's own {@code CSVREAD}; prints
 * rows/second for both, for the all-duplicates re-import and for a dry run, and appends them to
 * {@code target/bench-results.txt}.
 */
class ImportThroughputBenchmark {
    static final int METRICS_PER_RUN = 4;
    static final String[] METRICS = {"time", "energy", "rss", "throughput"};
    static final String[] UNITS = {"ms", "J", "MiB", "ops/s"};

    @TempDir
    Path dir;

    @Test
    void import_one_million_rows_next_to_csvread() throws Exception {
        int rows = Integer.getInteger("czar.bench.rows", 1_000_000);
        Path file = dir.resolve("results.csv");
        write(file, rows);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%s  %d rows, %d cores, java %s%n",
                Instant.now(), rows, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        try (Database db = Database.open(dir.resolve("home"))) {
            double csvread = csvread(db, file, rows);
            BenchmarkImporter importer = new BenchmarkImporter(db, Clock.systemUTC());

            long t0 = System.nanoTime();
            ImportReport first = importer.importFiles(List.of(file), BenchFormat.CSV, false);
            double importSeconds = seconds(t0);
            assertThat(first.inserted()).isEqualTo(rows);

            t0 = System.nanoTime();
            ImportReport again = importer.importFiles(List.of(file), BenchFormat.CSV, false);
            double againSeconds = seconds(t0);
            assertThat(again.inserted()).isZero();
            assertThat(again.duplicates()).isEqualTo(rows);

            t0 = System.nanoTime();
            ImportReport dry = importer.importFiles(List.of(file), BenchFormat.CSV, true);
            double drySeconds = seconds(t0);
            assertThat(dry.duplicates()).isEqualTo(rows);

            line(report, "H2 CSVREAD bulk load (no validation, no dedup)", rows, csvread);
            line(report, "czar bench import (validated, deduplicated, 1 transaction)", rows, importSeconds);
            line(report, "czar bench import again (all duplicates)", rows, againSeconds);
            line(report, "czar bench import --dry-run (all duplicates)", rows, drySeconds);
            report.append(String.format(Locale.ROOT, "  import rate / CSVREAD rate = %.2f%n", csvread / importSeconds));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "bench-results.txt"), report, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static double csvread(Database db, Path file, int rows) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            st.execute("CREATE TABLE csvread_load AS SELECT * FROM CSVREAD('" + file.toAbsolutePath().toString().replace("'", "''")
                    + "', NULL, 'charset=UTF-8')");
            double s = seconds(t0);
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM csvread_load")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(rows);
            }
            st.execute("DROP TABLE csvread_load");
            return s;
        }
    }

    /** Realistic shape: one run per (benchmark, variant, iteration, commit), four metrics each, plus two raw columns. */
    private static void write(Path file, int rows) throws Exception {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timestamp,commit,branch,benchmark,variant,iteration,metric,value,unit,host,cpu_temp_c\n");
            for (int i = 0; i < rows; i++) {
                int run = i / METRICS_PER_RUN;
                int m = i % METRICS_PER_RUN;
                out.write(Instant.ofEpochSecond(1_790_000_000L + run * 60L) + "," + String.format("%08x", 0x1000000 + run / 400)
                        + ",main,bench_" + (run % 40) + ",v" + (run % 3) + "," + run + "," + METRICS[m] + ","
                        + (10 + (i * 7919 % 1000) / 100.0) + "," + UNITS[m] + ",ci-" + (run % 4) + "," + (50 + run % 30) + "\n");
            }
        }
    }

    private static void line(StringBuilder report, String what, int rows, double seconds) {
        report.append(String.format(Locale.ROOT, "  %-62s %8.2f s  %,10.0f rows/s%n", what, seconds, rows / seconds));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
