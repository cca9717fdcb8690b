package dev.czar.agent;

import dev.czar.UserError;
import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.bench.BenchEvidence;
import dev.czar.evidence.bench.BenchFacts;
import dev.czar.evidence.bench.BenchRow;
import dev.czar.evidence.bench.BenchText;
import dev.czar.evidence.bench.Comparison;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import java.util.List;

/**
 * Read-only benchmark tools for the language-model agent: a renderer over {@link BenchFacts}, the same calls (and
 * citations) as the offline {@link BenchAnswers}, bound to the answer's {@link EvidenceLog}. Returns compact text
 * (at most {@value #MAX_ROWS} rows, the rest counted) and cites every row it states ({@code bench:<row id>}).
 */
public final class BenchTools {
    static final int MAX_ROWS = 20;

    private final BenchFacts bench;
    private final EvidenceLog log;

    public BenchTools(BenchEvidence bench, EvidenceLog log) {
        this.bench = new BenchFacts(bench);
        this.log = log;
    }

    /** Registration for {@link AgentTools}: benchmark tools bound to each answer's evidence log. */
    public static EvidenceTools of(BenchEvidence bench) {
        return log -> new BenchTools(bench, log);
    }

    /** Latest result of every benchmark series. */
    @Tool(name = "bench_latest", value = "Latest imported result of every benchmark series (benchmark, variant, branch,"
            + " commit, metric value in its canonical unit), each with its row id.")
    public String latestBenchmarkResults() {
        return rows("Latest result per benchmark series", bench.latest(log));
    }

    /** Newest results of one benchmark, optionally on one branch (null = all branches). */
    @Tool(name = "bench_history", value = "Newest imported results of one benchmark, optionally on one branch, with row ids.")
    public String benchmarkHistory(@P("benchmark name, e.g. parse_json") String benchmark,
                                   @P(value = "branch name, or empty for all branches", required = false) String branch) {
        return rows(benchmark + " history, newest first", bench.history(benchmark, blankToNull(branch), MAX_ROWS + 1, log));
    }

    /**
     * Compares a candidate branch or commit with a base (median of its recent runs, noise band from their spread);
     * {@code benchmark} null = every shared series.
     */
    @Tool(name = "bench_compare", value = "Compare benchmark results of a candidate branch or commit against a base"
            + " (median baseline, noise band): regression, improvement or within noise, with the ratio and row ids.")
    public String compareBenchmarks(@P("base branch, usually main") String base,
                                    @P("candidate branch or commit") String candidate,
                                    @P(value = "one benchmark name, or empty for all", required = false) String benchmark) {
        try {
            List<Comparison> comparisons = bench.compare(base, candidate, blankToNull(benchmark), log);
            if (comparisons.isEmpty()) {
                return base + " and " + candidate + " share no benchmark series.";
            }
            StringBuilder out = new StringBuilder(candidate + " vs " + base + ":");
            for (Comparison c : comparisons.stream().limit(MAX_ROWS).toList()) {
                out.append("\n").append(BenchText.comparison(c, base, candidate));
                BenchFacts.cite(c, base, candidate, log);
            }
            more(out, comparisons.size());
            return out.toString();
        } catch (UserError e) {
            return "error: " + e.getMessage();
        }
    }

    private String rows(String title, List<BenchRow> rows) {
        if (rows.isEmpty()) {
            return title + ": no results.";
        }
        StringBuilder out = new StringBuilder(title + ":");
        for (BenchRow r : rows.stream().limit(MAX_ROWS).toList()) {
            BenchFacts.cite(r, log);
            out.append("\n").append(BenchText.row(r));
        }
        more(out, rows.size());
        return out.toString();
    }

    private static void more(StringBuilder out, int total) {
        if (total > MAX_ROWS) {
            out.append("\n(more rows not shown; narrow by benchmark or branch)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equalsIgnoreCase("null") ? null : s.strip();
    }
}
