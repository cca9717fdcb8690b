package dev.czar.evidence.bench;

import java.time.Instant;

/**
 * One stored metric row with its run. {@code id} is the row id answers cite as evidence ({@code bench:<id>}).
 *
 * @param value canonical value in {@code unit}
 */
public record BenchRow(long id, String benchmark, String variant, Integer iteration, String commit, String branch,
                       Instant ranAt, String metric, double value, String unit, String rawValue, String rawUnit,
                       String source, int sourceLine) {
    /** Benchmark, variant and metric: the series this row belongs to. */
    public String series() {
        return benchmark + (variant == null ? "" : "[" + variant + "]") + " " + metric;
    }

    public String shortCommit() {
        return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
    }

    /** e.g. {@code 12.3 ms} as written, with the canonical value when it differs. */
    public String describeValue() {
        String canonical = BenchFormatting.number(value) + (unit == null ? "" : " " + unit);
        if (rawUnit == null || rawUnit.equals(unit)) {
            return canonical;
        }
        String written = rawValue + (rawValue.endsWith(rawUnit) ? "" : " " + rawUnit);
        return canonical + " (" + written.strip() + ")";
    }
}
