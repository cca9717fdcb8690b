package dev.czar.evidence.bench;

import dev.czar.config.BenchConfig;
import dev.czar.store.Database;

import java.time.Clock;

/**
 * The benchmark evidence services over one database, wired once by the composition root.
 *
 * @param importer writes result files into the store
 * @param store    reads rows back
 * @param comparer compares refs and detects regressions
 * @param chart    draws trend charts
 */
public record BenchEvidence(BenchmarkImporter importer, BenchmarkStore store, BenchmarkComparer comparer, TrendChart chart) {
    public static BenchEvidence over(Database db, Clock clock, int baselineRuns, double minNoise) {
        return over(db, clock, baselineRuns, minNoise, new BenchmarkImporter(db, clock));
    }

    /** With the import limits of {@code bench.max-import-bytes} and {@code bench.max-line-chars}. */
    public static BenchEvidence over(Database db, Clock clock, BenchConfig config) {
        return over(db, clock, config.baselineRuns(), config.minNoisePercent() / 100.0,
                new BenchmarkImporter(db, clock, config.maxImportBytes(), config.maxLineChars()));
    }

    private static BenchEvidence over(Database db, Clock clock, int baselineRuns, double minNoise, BenchmarkImporter importer) {
        BenchmarkStore store = new BenchmarkStore(db);
        return new BenchEvidence(importer, store, new BenchmarkComparer(store, baselineRuns, minNoise),
                new TrendChart(store));
    }
}
