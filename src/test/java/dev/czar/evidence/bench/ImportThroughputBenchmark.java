package dev.czar.evidence.bench;

import dev.czar.bench.BenchResults;
import dev.czar.bench.Jmh;
import dev.czar.bench.PerformanceReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a timed test: the launcher of the JMH benchmark {@link ImportJmh}. Runs only with {@code ./mvnw verify -Pbench}
 * (the default build does not pick up {@code *Benchmark} classes). Writes {@code czar.bench.rows} rows (default
 * 1,000,000) to a CSV file, then JMH (one fork, {@code -Xmx2g}, single-shot: one whole load per iteration, 1 warm-up
 * and {@code czar.bench.rounds} measured iterations, default 3) times H2's own {@code CSVREAD} bulk load of the file
 * and {@code czar bench import} of it, each into a fresh file database per iteration, then the all-duplicates
 * re-import and the dry run. Appends to {@code target/bench-results.txt}; a 1,000,000-row run also writes its section
 * of {@code docs/PERFORMANCE.md} and its row of the summary table.
 *
 * <p>For work on the import: {@code -Dczar.bench.firstOnly=true} times only CSVREAD and the first import and prints
 * their ratio (nothing is written); {@code -Dczar.bench.jvmArg=...} adds one option to the forked JVM, e.g.
 * {@code -XX:StartFlightRecording=filename=import.jfr,settings=profile} for a profile.
 */
class ImportThroughputBenchmark {
    static final int METRICS_PER_RUN = 4;
    static final String[] METRICS = {"time", "energy", "rss", "throughput"};
    static final String[] UNITS = {"ms", "J", "MiB", "ops/s"};

    @TempDir
    Path dir;

    /** JMH's figures for one operation over the whole file: mean, error and every measured iteration, in ms. */
    record Timing(String score, double meanMs, List<Double> iterationsMs) {
        static Timing of(RunResult r) {
            return new Timing(Jmh.score(r), r.getPrimaryResult().getScore(), Jmh.iterations(r));
        }

        double rowsPerSecond(int rows) {
            return rows / (meanMs / 1000);
        }
    }

    @Test
    void import_one_million_rows_next_to_csvread() throws Exception {
        int rows = Integer.getInteger("czar.bench.rows", 1_000_000);
        int iterations = Integer.getInteger("czar.bench.rounds", 3);
        String loadBefore = PerformanceReport.loadAverage();
        Path file = dir.resolve("results.csv");
        write(file, rows);

        boolean firstOnly = Boolean.getBoolean("czar.bench.firstOnly");
        ChainedOptionsBuilder options = Jmh.options(ImportJmh.class).param("file", file.toAbsolutePath().toString())
                .param("work", Files.createDirectories(dir.resolve("databases")).toString()).param("rows", Integer.toString(rows))
                .mode(Mode.SingleShotTime).warmupIterations(1).measurementIterations(iterations).forks(1)
                .jvmArgsAppend("-Xmx2g");
        if (firstOnly) {
            options.exclude("reimport|dryRun");
        }
        String forkArg = System.getProperty("czar.bench.jvmArg");
        if (forkArg != null) {
            options.jvmArgsAppend(forkArg);
        }
        Map<String, RunResult> results = Jmh.run(options);
        if (firstOnly) {
            Timing csvread = Timing.of(results.get("csvread"));
            Timing czar = Timing.of(results.get("czarImport"));
            System.out.printf(Locale.ROOT, "first import only, %d rows: CSVREAD %s, czar %s (iterations %s ms), ratio %.2f%n", rows,
                    csvread.score(), czar.score(), Jmh.rounded(czar.iterationsMs()), ratio(csvread, czar));
            return;
        }

        Timing csvread = Timing.of(results.get("csvread"));
        Timing czar = Timing.of(results.get("czarImport"));
        Timing again = Timing.of(results.get("reimport"));
        Timing dry = Timing.of(results.get("dryRun"));
        assertThat(csvread.iterationsMs()).hasSize(iterations);
        assertThat(czar.iterationsMs()).hasSize(iterations);
        String text = text(rows, csvread, czar, again, dry);
        System.out.print(text);
        Files.writeString(Path.of("target", "bench-results.txt"), text, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        if (rows == 1_000_000) {
            PerformanceReport.write("import-throughput", "Benchmark import next to H2 CSVREAD (1,000,000 rows)", loadBefore,
                    markdown(rows, iterations, csvread, czar, again, dry));
            recordSummary(rows, csvread, czar);
        }
    }

    /** czar's rate over CSVREAD's, from JMH's mean times. */
    private static double ratio(Timing csvread, Timing czar) {
        return csvread.meanMs() / czar.meanMs();
    }

    private static String text(int rows, Timing csvread, Timing czar, Timing again, Timing dry) {
        return String.format(Locale.ROOT, "%s  %d rows, %d cores, java %s, load %s%n"
                        + "  CSVREAD %s (%,.0f rows/s; runs %s ms)%n  czar import %s (%,.0f rows/s; runs %s ms)%n"
                        + "  re-import (all duplicates) %s (%,.0f rows/s); dry run %s (%,.0f rows/s)%n"
                        + "  import rate / CSVREAD rate = %.2f%n",
                Instant.now(), rows, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                PerformanceReport.loadAverage(), csvread.score(), csvread.rowsPerSecond(rows), Jmh.rounded(csvread.iterationsMs()),
                czar.score(), czar.rowsPerSecond(rows), Jmh.rounded(czar.iterationsMs()), again.score(), again.rowsPerSecond(rows),
                dry.score(), dry.rowsPerSecond(rows), ratio(csvread, czar));
    }

    private static String markdown(int rows, int iterations, Timing csvread, Timing czar, Timing again, Timing dry) {
        double ratio = ratio(csvread, czar);
        return String.format(Locale.ROOT, "`ImportThroughputBenchmark` (JMH `ImportJmh`, 1 fork, `-Xmx2g`, single-shot: one"
                        + " whole load of the file per iteration, 1 warm-up + %d measured; score ± 99.9%% confidence half-width):"
                        + " the %,d-row CSV described in the section above. CSVREAD and czar each load it into a fresh file"
                        + " database per iteration; the re-import and the dry run run on a database that already holds it."
                        + " Target: czar's rate at least half of CSVREAD's (ratio >= 0.50).%n%n"
                        + "| operation | JMH score | rows/s (from the score) | measured iterations, ms |%n|---|---|---|---|%n"
                        + "| H2 `CSVREAD` bulk load (bare table, no validation, no indexes) | %s | %,.0f | %s |%n"
                        + "| `czar bench import` (validated, deduplicated, one transaction) | %s | %,.0f | %s |%n"
                        + "| re-import of the same file (every row a duplicate, nothing written) | %s | %,.0f | %s |%n"
                        + "| `--dry-run` of the same file | %s | %,.0f | %s |%n%n"
                        + "Import rate / CSVREAD rate: **%.2f** (target 0.50: %s).%n",
                iterations, rows, csvread.score(), csvread.rowsPerSecond(rows), Jmh.rounded(csvread.iterationsMs()),
                czar.score(), czar.rowsPerSecond(rows), Jmh.rounded(czar.iterationsMs()),
                again.score(), again.rowsPerSecond(rows), Jmh.rounded(again.iterationsMs()),
                dry.score(), dry.rowsPerSecond(rows), Jmh.rounded(dry.iterationsMs()), ratio, ratio >= 0.5 ? "met" : "not met");
    }

    private static void recordSummary(int rows, Timing csvread, Timing czar) {
        double ratio = ratio(csvread, czar);
        BenchResults.record("40-import", "benchmark import next to H2 CSVREAD (issue 6), 1,000,000 rows",
                "`ImportThroughputBenchmark` (JMH `ImportJmh`, single-shot, fresh database per iteration)",
                ">= 0.5 of CSVREAD's rows/s", String.format(Locale.ROOT, "%.2f: czar %,.0f rows/s (%s), CSVREAD %,.0f rows/s (%s)",
                        ratio, czar.rowsPerSecond(rows), czar.score(), csvread.rowsPerSecond(rows), csvread.score()),
                ratio >= 0.5);
    }

    /** Realistic shape: one run per (benchmark, variant, iteration, commit), four metrics each, plus two raw columns. */
    static void write(Path file, int rows) throws Exception {
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

}
