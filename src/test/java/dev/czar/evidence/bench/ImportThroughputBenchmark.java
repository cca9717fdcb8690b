package dev.czar.evidence.bench;

import dev.czar.bench.BenchResults;
import dev.czar.bench.PerformanceReport;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a timed test: a benchmark that records figures. Runs only with {@code ./mvnw verify -Pbench} (the default
 * build does not pick up {@code *Benchmark} classes). Writes {@code czar.bench.rows} rows (default 1,000,000) to a
 * CSV file, then for {@code czar.bench.rounds} rounds (default 3), each in a fresh file database: loads the file with
 * H2's own {@code CSVREAD}, then imports it with czar. The two alternate so that a burst of load on the shared
 * machine hits both sides, and the ratio of each round is reported with the median. The last round also times the
 * all-duplicates re-import and a dry run. Appends to {@code target/bench-results.txt}; a 1,000,000-row run also
 * writes its section of {@code docs/PERFORMANCE.md}.
 */
class ImportThroughputBenchmark {
    static final int METRICS_PER_RUN = 4;
    static final String[] METRICS = {"time", "energy", "rss", "throughput"};
    static final String[] UNITS = {"ms", "J", "MiB", "ops/s"};

    @TempDir
    Path dir;

    /** One round's wall times in seconds. */
    record Round(double csvread, double czar) {
        double ratio() {
            return csvread / czar;
        }
    }

    @Test
    void import_one_million_rows_next_to_csvread() throws Exception {
        int rows = Integer.getInteger("czar.bench.rows", 1_000_000);
        int roundCount = Integer.getInteger("czar.bench.rounds", 3);
        String loadBefore = PerformanceReport.loadAverage();
        Path file = dir.resolve("results.csv");
        write(file, rows);
        List<Round> rounds = new ArrayList<>();
        double againSeconds = 0;
        double drySeconds = 0;
        for (int r = 0; r < roundCount; r++) {
            try (Database db = Database.open(dir.resolve("home-" + r))) {
                double csvread = csvread(db, file, rows);
                BenchmarkImporter importer = new BenchmarkImporter(db, Clock.systemUTC());
                long t0 = System.nanoTime();
                ImportReport first = importer.importFiles(List.of(file), BenchFormat.CSV, false);
                rounds.add(new Round(csvread, seconds(t0)));
                assertThat(first.inserted()).isEqualTo(rows);
                if (r < roundCount - 1) {
                    continue;
                }
                t0 = System.nanoTime();
                ImportReport again = importer.importFiles(List.of(file), BenchFormat.CSV, false);
                againSeconds = seconds(t0);
                assertThat(again.inserted()).isZero();
                assertThat(again.duplicates()).isEqualTo(rows);

                t0 = System.nanoTime();
                ImportReport dry = importer.importFiles(List.of(file), BenchFormat.CSV, true);
                drySeconds = seconds(t0);
                assertThat(dry.duplicates()).isEqualTo(rows);
                assertThat(new BenchmarkStore(db).count()).isEqualTo(rows);
            }
            deleteTree(dir.resolve("home-" + r));
        }
        String text = text(rows, rounds, againSeconds, drySeconds);
        System.out.print(text);
        Files.writeString(Path.of("target", "bench-results.txt"), text, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        if (rows == 1_000_000) {
            PerformanceReport.write("import-throughput", "Benchmark import next to H2 CSVREAD (1,000,000 rows)", loadBefore,
                    markdown(rounds, againSeconds, drySeconds));
            recordSummary(rows, rounds);
        }
    }

    private static String text(int rows, List<Round> rounds, double againSeconds, double drySeconds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s  %d rows, %d cores, java %s, load %s%n",
                Instant.now(), rows, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                PerformanceReport.loadAverage()));
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            out.append(String.format(Locale.ROOT, "  round %d: CSVREAD %.2f s (%,.0f rows/s), czar import %.2f s (%,.0f rows/s),"
                    + " ratio %.2f%n", i + 1, r.csvread(), rows / r.csvread(), r.czar(), rows / r.czar(), r.ratio()));
        }
        out.append(String.format(Locale.ROOT, "  re-import (all duplicates) %.2f s (%,.0f rows/s); dry run %.2f s (%,.0f rows/s)%n",
                againSeconds, rows / againSeconds, drySeconds, rows / drySeconds));
        out.append(String.format(Locale.ROOT, "  median import rate / CSVREAD rate = %.2f%n", median(rounds)));
        return out.toString();
    }

    private static String markdown(List<Round> rounds, double againSeconds, double drySeconds) {
        int rows = 1_000_000;
        StringBuilder md = new StringBuilder("`ImportThroughputBenchmark` (bench profile, `-Xmx2g`): the 1,000,000-row CSV"
                + " described in the section above; per round a fresh file database, H2's `CSVREAD` bulk load of the file, then"
                + " `czar bench import` of it. Target: czar's rate at least half of CSVREAD's (ratio >= 0.50).\n\n"
                + "| round | CSVREAD bulk load | czar bench import | import / CSVREAD |\n|---|---|---|---|\n");
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %.2f s, %,.0f rows/s | %.2f s, %,.0f rows/s | %.2f |%n", i + 1,
                    r.csvread(), rows / r.csvread(), r.czar(), rows / r.czar(), r.ratio()));
        }
        double median = median(rounds);
        md.append(String.format(Locale.ROOT, "%nMedian ratio: **%.2f** (target 0.50: %s). Last round, same database:"
                + " re-import of the file (every row a duplicate, nothing written) %.2f s, %,.0f rows/s; `--dry-run` %.2f s,"
                + " %,.0f rows/s.%n", median, median >= 0.5 ? "met" : "not met", againSeconds, rows / againSeconds,
                drySeconds, rows / drySeconds));
        return md.toString();
    }

    private static void recordSummary(int rows, List<Round> rounds) {
        StringBuilder each = new StringBuilder();
        for (Round r : rounds) {
            each.append(each.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%,.0f vs %,.0f rows/s (%.2f)",
                    rows / r.czar(), rows / r.csvread(), r.ratio()));
        }
        double median = median(rounds);
        BenchResults.record("40-import", "benchmark import next to H2 CSVREAD (issue 6), 1,000,000 rows",
                "`ImportThroughputBenchmark` (" + rounds.size() + " rounds, fresh database each, CSVREAD then czar)",
                ">= 0.5 of CSVREAD's rows/s", String.format(Locale.ROOT, "median %.2f; czar vs CSVREAD per round: %s", median, each),
                median >= 0.5);
    }

    /** A round's database is a few hundred MB: gone before the next round starts. */
    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double median(List<Round> rounds) {
        double[] ratios = rounds.stream().mapToDouble(Round::ratio).sorted().toArray();
        int n = ratios.length;
        return n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
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

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
