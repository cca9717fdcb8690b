package dev.czar.evidence.bench;

import dev.czar.bench.BenchResults;
import dev.czar.bench.Jmh;
import dev.czar.bench.PerformanceReport;
import dev.czar.evidence.bench.ImportThroughputBenchmark.Timing;
import dev.czar.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a timed test: the launcher of the JMH benchmark {@link ImportPostgresJmh} (issue 23), run with
 * {@code ./mvnw verify -Pbench}. Writes the same {@code czar.bench.rows}-row CSV as {@link ImportThroughputBenchmark}
 * (default 1,000,000), then one JMH fork ({@code -Xmx2g}, single-shot, 1 warm-up and {@code czar.bench.rounds}
 * measured iterations, default 3) times, in that one run, czar's import into H2 and into PostgreSQL (through
 * {@code COPY}) and PostgreSQL's own {@code COPY} of the file into a bare table. A run of 100,000 rows or more writes
 * its section of {@code docs/PERFORMANCE.md} and its summary row (on a shared, busy machine
 * {@code -Dczar.bench.rows=250000} keeps it within minutes). Skipped without PostgreSQL's server binaries.
 */
class ImportPostgresBenchmark {
    @TempDir
    Path dir;

    @Test
    void import_one_million_rows_into_postgresql_next_to_h2() throws Exception {
        if (!PostgresServer.installed()) {
            PostgresServer.shared(); // skips here (fails under CI=true) rather than in the fork, which starts its own
        }
        int rows = Integer.getInteger("czar.bench.rows", 1_000_000);
        int iterations = Integer.getInteger("czar.bench.rounds", 3);
        String loadBefore = PerformanceReport.loadAverage();
        Path file = dir.resolve("results.csv");
        ImportThroughputBenchmark.write(file, rows);

        Map<String, RunResult> results = Jmh.run(Jmh.options(ImportPostgresJmh.class)
                .param("file", file.toAbsolutePath().toString())
                .param("work", Files.createDirectories(dir.resolve("databases")).toString())
                .param("rows", Integer.toString(rows))
                .mode(Mode.SingleShotTime).warmupIterations(1).measurementIterations(iterations).forks(1)
                .jvmArgsAppend("-Xmx2g"));

        Timing h2 = Timing.of(results.get("h2Import"));
        Timing postgres = Timing.of(results.get("postgresImport"));
        Timing copy = Timing.of(results.get("postgresCopy"));
        assertThat(h2.iterationsMs()).hasSize(iterations);
        assertThat(postgres.iterationsMs()).hasSize(iterations);
        String text = String.format(Locale.ROOT, "%s  %d rows, load %s%n  czar import, H2 %s (%,.0f rows/s; runs %s ms)%n"
                        + "  czar import, PostgreSQL %s (%,.0f rows/s; runs %s ms)%n  PostgreSQL COPY, bare table %s (%,.0f rows/s)%n"
                        + "  PostgreSQL rate / H2 rate = %.2f; czar on PostgreSQL / COPY = %.2f%n",
                Instant.now(), rows, PerformanceReport.loadAverage(), h2.score(), h2.rowsPerSecond(rows),
                Jmh.rounded(h2.iterationsMs()), postgres.score(), postgres.rowsPerSecond(rows),
                Jmh.rounded(postgres.iterationsMs()), copy.score(), copy.rowsPerSecond(rows),
                h2.meanMs() / postgres.meanMs(), copy.meanMs() / postgres.meanMs());
        System.out.print(text);
        Files.writeString(Path.of("target", "bench-results.txt"), text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (rows >= 100_000) {
            PerformanceReport.write("import-postgresql", "Benchmark import on PostgreSQL next to H2 (issue 23)",
                    loadBefore, markdown(rows, iterations, h2, postgres, copy));
            BenchResults.record("41-import-postgresql", String.format(Locale.ROOT,
                            "benchmark import on PostgreSQL (COPY) next to H2 (issue 23), %,d rows", rows),
                    "`ImportPostgresBenchmark` (JMH `ImportPostgresJmh`, single-shot, fresh database per iteration)",
                    "measured, no target", String.format(Locale.ROOT, "PostgreSQL %,.0f rows/s, H2 %,.0f rows/s (ratio %.2f)",
                            postgres.rowsPerSecond(rows), h2.rowsPerSecond(rows), h2.meanMs() / postgres.meanMs()), true);
        }
    }

    private static String markdown(int rows, int iterations, Timing h2, Timing postgres, Timing copy) {
        return String.format(Locale.ROOT, "`ImportPostgresBenchmark` (JMH `ImportPostgresJmh`, 1 fork, `-Xmx2g`, single-shot:"
                        + " one whole load of the file per iteration, 1 warm-up + %d measured; score ± 99.9%% confidence"
                        + " half-width): a %,d-row CSV shaped like the import throughput section's, imported by `czar bench import`"
                        + " into a fresh H2 file database and into a fresh PostgreSQL database per iteration, in the same run."
                        + " PostgreSQL is the test server (`testsupport.PostgresServer`: PostgreSQL 15 from Debian on loopback,"
                        + " `fsync=off`, `synchronous_commit=off`), so disk flushes cost neither store here.%n%n"
                        + "| operation | JMH score | rows/s (from the score) | measured iterations, ms |%n|---|---|---|---|%n"
                        + "| `czar bench import` into H2 (chunks through `INSERT ... SELECT FROM UNNEST`) | %s | %,.0f | %s |%n"
                        + "| `czar bench import` into PostgreSQL (chunks through `COPY ... FROM STDIN`) | %s | %,.0f | %s |%n"
                        + "| PostgreSQL's own `COPY` of the file into a bare text table (no validation, no index) | %s | %,.0f | %s |%n%n"
                        + "PostgreSQL rate / H2 rate: **%.2f**; czar's import on PostgreSQL / bare `COPY`: **%.2f**.%n",
                iterations, rows, h2.score(), h2.rowsPerSecond(rows), Jmh.rounded(h2.iterationsMs()),
                postgres.score(), postgres.rowsPerSecond(rows), Jmh.rounded(postgres.iterationsMs()),
                copy.score(), copy.rowsPerSecond(rows), Jmh.rounded(copy.iterationsMs()),
                h2.meanMs() / postgres.meanMs(), copy.meanMs() / postgres.meanMs());
    }
}
