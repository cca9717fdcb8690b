package dev.czar.evidence.bench;

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
        BenchmarkStore store = new BenchmarkStore(db);
        return new BenchEvidence(new BenchmarkImporter(db, clock), store, new BenchmarkComparer(store, baselineRuns, minNoise),
                new TrendChart(store));
    }
}
