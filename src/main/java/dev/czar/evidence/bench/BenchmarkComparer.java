package dev.czar.evidence.bench;

import dev.czar.UserError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares benchmark results of two refs (branches or commits) and detects regressions.
 *
 * <p>The baseline of a series is the median of its last {@code baselineRuns} rows on the base ref (all rows when
 * the base is a commit); the candidate is the median of the rows at the candidate's newest commit. A change counts
 * only when the ratio leaves the noise band: {@code max(minNoise, half the baseline's relative range)}. Whether a
 * higher value is worse follows the canonical unit (throughput is better higher, everything else lower).
 */
public final class BenchmarkComparer {
    private final BenchmarkStore store;
    private final int baselineRuns;
    private final double minNoise;

    /**
     * @param baselineRuns how many recent rows on the base branch form the baseline (at least 1)
     * @param minNoise     smallest relative change reported as a change, e.g. 0.05 for 5%
     */
    public BenchmarkComparer(BenchmarkStore store, int baselineRuns, double minNoise) {
        this.store = store;
        this.baselineRuns = baselineRuns;
        this.minNoise = minNoise;
    }

    /**
     * Compares every series the two refs share, optionally only one benchmark.
     *
     * @throws UserError when a ref has no benchmark results at all
     */
    public List<Comparison> compare(String baseRef, String candidateRef, String benchmark) {
        Map<String, List<BenchRow>> base = bySeries(rows(baseRef, benchmark));
        Map<String, List<BenchRow>> candidate = bySeries(rows(candidateRef, benchmark));
        List<Comparison> out = new ArrayList<>();
        for (var entry : candidate.entrySet()) {
            List<BenchRow> baseRows = base.get(entry.getKey());
            if (baseRows == null) {
                continue;
            }
            boolean baseIsBranch = isBranch(baseRef);
            List<BenchRow> baseline = baseIsBranch ? baseRows.stream().limit(baselineRuns).toList() : baseRows;
            List<BenchRow> cand = atNewestCommit(entry.getValue());
            out.add(compare(baseline, cand));
        }
        return out;
    }

    /** Whether the store has results for this name as a branch. */
    public boolean isBranch(String ref) {
        return store.branches().contains(ref);
    }

    private List<BenchRow> rows(String ref, String benchmark) {
        List<BenchRow> rows = isBranch(ref) ? store.onBranch(ref, benchmark)
                : ref.matches("[0-9a-fA-F]{4,64}") ? store.atCommit(ref, benchmark) : List.of();
        if (rows.isEmpty()) {
            List<String> branches = store.branches();
            throw new UserError("no benchmark results for '" + ref + "'" + (benchmark == null ? "" : " and benchmark " + benchmark)
                    + (branches.isEmpty() ? " (the store is empty: czar bench import FILE)"
                    : " (branches with results: " + String.join(", ", branches) + ")"));
        }
        return rows;
    }

    private Comparison compare(List<BenchRow> baseline, List<BenchRow> candidate) {
        BenchRow first = baseline.get(0);
        double[] base = baseline.stream().mapToDouble(BenchRow::value).toArray();
        double median = median(base);
        double noise = Math.max(minNoise, spread(base, median));
        double cand = median(candidate.stream().mapToDouble(BenchRow::value).toArray());
        double ratio = median == 0 ? (cand == 0 ? 1 : Double.POSITIVE_INFINITY) : cand / median;
        Comparison.Verdict verdict;
        if (Math.abs(ratio - 1) <= noise) {
            verdict = Comparison.Verdict.WITHIN_NOISE;
        } else {
            boolean higher = ratio > 1;
            verdict = higher != Units.higherIsBetter(first.unit()) ? Comparison.Verdict.REGRESSION : Comparison.Verdict.IMPROVEMENT;
        }
        return new Comparison(first.benchmark(), first.variant(), first.metric(), first.unit(), median, noise, cand, ratio,
                verdict, baseline, candidate);
    }

    /** Rows are newest first; keep those of the newest row's commit (just the newest row when commits are unknown). */
    private static List<BenchRow> atNewestCommit(List<BenchRow> rows) {
        String commit = rows.get(0).commit();
        if (commit == null) {
            return List.of(rows.get(0));
        }
        return rows.stream().filter(r -> Objects.equals(commit, r.commit())).toList();
    }

    private static Map<String, List<BenchRow>> bySeries(List<BenchRow> rows) {
        Map<String, List<BenchRow>> series = new LinkedHashMap<>();
        for (BenchRow r : rows) {
            series.computeIfAbsent(r.benchmark() + '\u0000' + r.variant() + '\u0000' + r.metric() + '\u0000' + r.unit(),
                    k -> new ArrayList<>()).add(r);
        }
        return series;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Half the relative range of the baseline: how far a value may move before it is more than noise. */
    static double spread(double[] values, double median) {
        if (values.length < 2 || median == 0) {
            return 0;
        }
        double min = Arrays.stream(values).min().orElse(median);
        double max = Arrays.stream(values).max().orElse(median);
        return (max - min) / 2 / Math.abs(median);
    }
}
