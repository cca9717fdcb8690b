package dev.czar.config;

/**
 * Benchmark regression detection.
 *
 * @param baselineRuns      how many recent results on the main branch form the baseline median (1-100)
 * @param minNoisePercent   smallest change, in percent, reported as slower/faster even when the baseline is steady
 */
public record BenchConfig(Integer baselineRuns, Integer minNoisePercent) {
    public BenchConfig {
        baselineRuns = baselineRuns != null ? baselineRuns : 5;
        minNoisePercent = minNoisePercent != null ? minNoisePercent : 5;
    }
}
