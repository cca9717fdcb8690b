package dev.czar.evidence.bench;

import dev.czar.config.BenchConfig;
import dev.czar.store.Database;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The benchmark feature's service over one database, wired once by the composition root: imports result files and
 * answers the queries the CLI, digests and answers ask. Its store stays inside; callers see queries, not tables.
 */
public final class BenchEvidence {
    private final BenchmarkImporter importer;
    private final BenchmarkStore store;
    private final BenchmarkComparer comparer;
    private final TrendChart chart;

    private BenchEvidence(BenchmarkImporter importer, BenchmarkStore store, int baselineRuns, double minNoise) {
        this.importer = importer;
        this.store = store;
        this.comparer = new BenchmarkComparer(store, baselineRuns, minNoise);
        this.chart = new TrendChart(store);
    }

    public static BenchEvidence over(Database db, Clock clock, int baselineRuns, double minNoise) {
        return new BenchEvidence(new BenchmarkImporter(db, clock), new BenchmarkStore(db), baselineRuns, minNoise);
    }

    /** With the import limits of {@code bench.max-import-bytes} and {@code bench.max-line-chars}. */
    public static BenchEvidence over(Database db, Clock clock, BenchConfig config) {
        return new BenchEvidence(new BenchmarkImporter(db, clock, config.maxImportBytes(), config.maxLineChars()),
                new BenchmarkStore(db), config.baselineRuns(), config.minNoisePercent() / 100.0);
    }

    /** Writes result files into the store. */
    public BenchmarkImporter importer() {
        return importer;
    }

    /** Distinct benchmark names, alphabetically. */
    public List<String> benchmarks() {
        return store.benchmarks();
    }

    /** Distinct branch names that have results. */
    public List<String> branches() {
        return store.branches();
    }

    /** The newest row of every series (benchmark, variant, metric). */
    public List<BenchRow> latest() {
        return store.latest();
    }

    /** Rows of one benchmark, newest first, optionally only on one branch ({@code null} = all). */
    public List<BenchRow> history(String benchmark, String branch, int limit) {
        return store.history(benchmark, branch, limit);
    }

    /** Whether any result was imported. */
    public boolean hasResults() {
        return store.count() > 0;
    }

    /** Compares a candidate ref with a base ref; {@code benchmark} {@code null} = every shared series. */
    public List<Comparison> compare(String baseRef, String candidateRef, String benchmark) {
        return comparer.compare(baseRef, candidateRef, benchmark);
    }

    /** Whether {@code ref} is a branch with results (rather than a commit). */
    public boolean isBranch(String ref) {
        return comparer.isBranch(ref);
    }

    /** Draws the trend chart of one benchmark as a PNG; returns the points drawn. */
    public int writeChart(String benchmark, Path out, int limit) {
        return chart.write(benchmark, out, limit);
    }
}
