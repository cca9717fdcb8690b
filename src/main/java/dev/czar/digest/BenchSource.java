package dev.czar.digest;

import java.util.List;
import java.util.Optional;

/** What the digest, alerts and dashboard need from benchmark evidence: changes beyond noise, and trend charts. */
public interface BenchSource {
    boolean configured();

    /** Series of {@code candidate} that got worse or better than {@code baseline}, beyond noise. */
    List<BenchChange> changes(String baseline, String candidate);

    /** The benchmarks known, for the dashboard's charts. */
    List<String> benchmarks();

    /** The trend chart of one benchmark as PNG bytes, empty when it has no timed rows. */
    Optional<byte[]> chart(String benchmark);

    /**
     * One series compared.
     *
     * @param ratio      candidate / baseline median
     * @param regression true when worse, false when better
     * @param rows       ids of the benchmark rows the medians were taken over (the evidence)
     */
    record BenchChange(String benchmark, String series, double ratio, boolean regression, String verdict, List<Long> rows) {
        public BenchChange {
            rows = List.copyOf(rows);
        }

        /** How far from 1.0 the ratio is, for ranking and thresholds (0.12 = 12%). */
        public double magnitude() {
            return Math.abs(ratio - 1.0);
        }
    }

    BenchSource NONE = new BenchSource() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public List<BenchChange> changes(String baseline, String candidate) {
            return List.of();
        }

        @Override
        public List<String> benchmarks() {
            return List.of();
        }

        @Override
        public Optional<byte[]> chart(String benchmark) {
            return Optional.empty();
        }
    };
}
