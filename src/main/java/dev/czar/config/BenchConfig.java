package dev.czar.config;

/**
 * Benchmark regression detection.
 *
 * @param baselineRuns      how many recent results on the main branch form the baseline median (1-100)
 * @param minNoisePercent   smallest change, in percent, reported as slower/faster even when the baseline is steady
 * @param maxImportBytes    largest result file {@code czar bench import} reads; larger files are refused
 * @param maxLineChars      longest line of a result file; a longer line is rejected without being held in memory
 */
public record BenchConfig(Integer baselineRuns, Integer minNoisePercent, Long maxImportBytes, Integer maxLineChars) {
    public static final long DEFAULT_MAX_IMPORT_BYTES = 256L << 20;
    public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

    public BenchConfig {
        baselineRuns = baselineRuns != null ? baselineRuns : 5;
        minNoisePercent = minNoisePercent != null ? minNoisePercent : 5;
        maxImportBytes = maxImportBytes != null ? maxImportBytes : DEFAULT_MAX_IMPORT_BYTES;
        maxLineChars = maxLineChars != null ? maxLineChars : DEFAULT_MAX_LINE_CHARS;
    }

    public BenchConfig(Integer baselineRuns, Integer minNoisePercent) {
        this(baselineRuns, minNoisePercent, null, null);
    }
}
