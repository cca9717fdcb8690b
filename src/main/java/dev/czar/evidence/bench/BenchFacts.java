package dev.czar.evidence.bench;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;

import java.util.List;

/**
 * Benchmark facts read through an answer's {@link EvidenceLog}: the one service behind both the offline benchmark
 * answers and the model's benchmark tools, so both record the same calls ({@code bench.benchmarks},
 * {@code bench.branches}, {@code bench.latest}, {@code bench.history}, {@code bench.compare}) and cite a row the
 * same way ({@code bench:<row id>}). The renderers cite the rows they state, since they state fewer than they read
 * (at most a screenful, or only the time metrics).
 */
public final class BenchFacts {
    private final BenchEvidence bench;

    public BenchFacts(BenchEvidence bench) {
        this.bench = bench;
    }

    public List<String> benchmarks(EvidenceLog log) {
        return log.call("bench.benchmarks", bench::benchmarks);
    }

    public List<String> branches(EvidenceLog log) {
        return log.call("bench.branches", bench::branches);
    }

    public List<BenchRow> latest(EvidenceLog log) {
        return log.call("bench.latest", bench::latest);
    }

    /** @param branch {@code null} for every branch */
    public List<BenchRow> history(String benchmark, String branch, int limit, EvidenceLog log) {
        return log.call("bench.history", () -> bench.history(benchmark, branch, limit));
    }

    /** @param benchmark {@code null} for every shared series */
    public List<Comparison> compare(String base, String candidate, String benchmark, EvidenceLog log) {
        return log.call("bench.compare", () -> bench.compare(base, candidate, benchmark));
    }

    /** Cites a row stated as a plain result. */
    public static void cite(BenchRow row, EvidenceLog log) {
        cite(row, "result", log);
    }

    /** Cites the rows a stated comparison rests on: the baseline's and the candidate's. */
    public static void cite(Comparison c, String base, String candidate, EvidenceLog log) {
        c.baselineRows().forEach(r -> cite(r, "baseline on " + base, log));
        c.candidateRows().forEach(r -> cite(r, "on " + candidate, log));
    }

    private static void cite(BenchRow r, String role, EvidenceLog log) {
        log.cite(new Evidence("bench", String.valueOf(r.id()), r.series() + " = " + r.describeValue() + " @" + r.shortCommit()
                + " (" + role + ")", null));
    }
}
