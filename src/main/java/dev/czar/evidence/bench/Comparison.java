package dev.czar.evidence.bench;

import java.util.List;

/**
 * One series compared between a baseline and a candidate.
 *
 * @param baseline      median of the baseline rows, canonical unit
 * @param noise         relative noise threshold derived from the baseline's spread (0.05 = 5%)
 * @param candidate     median of the candidate rows
 * @param ratio         candidate / baseline
 * @param baselineRows  the rows the baseline median was taken over (cite them)
 * @param candidateRows the rows the candidate median was taken over (cite them)
 */
public record Comparison(String benchmark, String variant, String metric, String unit, double baseline, double noise,
                         double candidate, double ratio, Verdict verdict, List<BenchRow> baselineRows,
                         List<BenchRow> candidateRows) {

    /** What the ratio means once the noise threshold and the metric's direction are taken into account. */
    public enum Verdict {
        REGRESSION("worse"), IMPROVEMENT("better"), WITHIN_NOISE("within noise");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String series() {
        return benchmark + (variant == null ? "" : "[" + variant + "]") + " " + metric;
    }

    /** "slower"/"faster" for times, "worse"/"better" otherwise. */
    public String verdictWord() {
        boolean time = Units.isTime(unit);
        return switch (verdict) {
            case REGRESSION -> time ? "slower" : "worse";
            case IMPROVEMENT -> time ? "faster" : "better";
            case WITHIN_NOISE -> "within noise";
        };
    }

    public boolean isTime() {
        return Units.isTime(unit);
    }
}
