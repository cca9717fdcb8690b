package dev.czar.agent;

import dev.czar.UserError;
import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.bench.BenchEvidence;
import dev.czar.evidence.bench.BenchFacts;
import dev.czar.evidence.bench.BenchRow;
import dev.czar.evidence.bench.BenchText;
import dev.czar.evidence.bench.Comparison;
import dev.czar.intent.MessageText;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Offline STATUS answers about benchmarks ("did feature-x make parse_json slower?"): a renderer over
 * {@link BenchFacts}, the same calls the model's {@link BenchTools} make. Takes a question only when it names a
 * benchmark the store knows; states only ratios and values read in the same answer and cites every row it states.
 */
public final class BenchAnswers implements TopicAnswers {
    private static final Pattern TIME_WORDS = Pattern.compile("\\b(slower|faster|slow|fast|quicker|speed\\w*|latency)\\b");
    private static final int MAX_LISTED = 20;

    private final BenchFacts bench;
    private final Supplier<Optional<String>> mainBranch;

    private BenchAnswers(BenchFacts bench, Supplier<Optional<String>> mainBranch) {
        this.bench = bench;
        this.mainBranch = mainBranch;
    }

    /** Benchmark answers for the offline answerer, asked only for questions {@link Topic#BENCH} claims. */
    public static TopicAnswers of(BenchEvidence bench, Supplier<Optional<String>> mainBranch) {
        return Topic.BENCH.answeredBy(new BenchAnswers(new BenchFacts(bench), mainBranch));
    }

    /** The answer, or empty when the question is not about a stored benchmark. */
    @Override
    public Optional<String> answer(String question, EvidenceLog log) {
        Optional<String> benchmark = mentioned(question, bench.benchmarks(log));
        if (benchmark.isEmpty()) {
            return Optional.empty();
        }
        List<String> branches = bench.branches(log);
        String base = mainBranch.get().filter(branches::contains).orElse(branches.contains("main") ? "main" : "master");
        Optional<String> branch = mentioned(question, branches.stream().filter(b -> !b.equals(base)).toList());
        try {
            return Optional.of(branch.isPresent()
                    ? regression(benchmark.get(), base, branch.get(), TIME_WORDS.matcher(MessageText.folded(question)).find(), log)
                    : latest(benchmark.get(), log));
        } catch (UserError e) {
            return Optional.of("I can't compare that: " + e.getMessage() + ".");
        }
    }

    private String regression(String benchmark, String base, String branch, boolean timeOnly, EvidenceLog log) {
        List<Comparison> all = bench.compare(base, branch, benchmark, log);
        List<Comparison> shown = timeOnly && all.stream().anyMatch(Comparison::isTime)
                ? all.stream().filter(Comparison::isTime).toList() : all;
        if (shown.isEmpty()) {
            return branch + " and " + base + " have no " + benchmark + " results for the same metric, so I can't compare them.";
        }
        List<Comparison> worse = shown.stream().filter(c -> c.verdict() == Comparison.Verdict.REGRESSION).toList();
        StringBuilder out = new StringBuilder();
        if (!worse.isEmpty()) {
            Comparison c = worse.get(0);
            out.append("Yes: ").append(branch).append(" made ").append(benchmark).append(' ').append(c.verdictWord())
                    .append(", ratio ").append(String.format(Locale.ROOT, "%.3f", c.ratio())).append(" against the ")
                    .append(base).append(" baseline.");
        } else {
            boolean better = shown.stream().anyMatch(c -> c.verdict() == Comparison.Verdict.IMPROVEMENT);
            out.append("No: ").append(benchmark).append(" on ").append(branch).append(" is ")
                    .append(better ? "better than" : "within noise of").append(" the ").append(base).append(" baseline.");
        }
        for (Comparison c : shown) {
            out.append("\n  ").append(BenchText.comparison(c, base, branch));
            BenchFacts.cite(c, base, branch, log);
        }
        return out.toString();
    }

    private String latest(String benchmark, EvidenceLog log) {
        List<BenchRow> rows = bench.history(benchmark, null, MAX_LISTED, log);
        StringBuilder out = new StringBuilder("Latest " + benchmark + " results (newest first):");
        for (BenchRow r : rows) {
            BenchFacts.cite(r, log);
            out.append("\n  ").append(BenchText.row(r));
        }
        return out.append("\nAsk \"did <branch> make ").append(benchmark).append(" slower?\" to compare a branch with main.").toString();
    }

    /** The first of {@code known} the question names, by the status parser's tokenizer. */
    private static Optional<String> mentioned(String question, List<String> known) {
        return StatusQuestionParser.mentionedBranches(question, known, name -> false).stream().findFirst();
    }
}
