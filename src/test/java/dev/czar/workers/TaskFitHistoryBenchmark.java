package dev.czar.workers;

import dev.czar.understanding.MiniLmEmbedder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Task fit on real history (issue 24), for a repository cloned at run time; nothing of it is committed:
 * <pre>
 * git clone -q https://github.com/pallets/click /tmp/click
 * ./mvnw -Pbench test -Dtest=TaskFitHistoryBenchmark -Dczar.eval.repo=/tmp/click [-Dczar.eval.rev=HEAD]
 *     [-Dczar.eval.skip=0] [-Dczar.eval.count=100] [-Dczar.eval.margin=0.2]
 * </pre>
 * From {@code count} qualifying commits ({@link HistoryPairs} names the filter): for each commit, a line-up of its own
 * message and four other commits' messages (seeded draw) against its diff; the true pair judged with those four as
 * the other live tasks (flagged = drifting, wrongly); a mismatch (one of the four as the task, the right message among
 * the other live tasks: flagged = drifting, rightly); and the mismatch with no other task live (only "touches nothing
 * the task is about" can flag it). Prints the figures; skipped when no repository is given.
 */
class TaskFitHistoryBenchmark {
    private static final int CANDIDATES = 5;

    @Test
    void task_fit_on_the_history_of_a_cloned_repository() throws Exception {
        String repo = System.getProperty("czar.eval.repo", "");
        assumeTrue(!repo.isBlank(), "set -Dczar.eval.repo=PATH to a cloned repository");
        String rev = System.getProperty("czar.eval.rev", "HEAD");
        int skip = Integer.getInteger("czar.eval.skip", 0);
        int count = Integer.getInteger("czar.eval.count", 100);
        double margin = Double.parseDouble(System.getProperty("czar.eval.margin", "0.2"));
        HistoryPairs.History history = HistoryPairs.read(Path.of(repo), rev, skip, count);
        List<HistoryPairs.Pair> pairs = history.pairs();
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(CANDIDATES);
        TaskFit fit = new TaskFit(MiniLmEmbedder.shared(), margin, LexicalEvidence.rarity(history::older));

        Figures f = evaluate(fit, pairs);

        System.out.printf(Locale.ROOT, "task fit on %s, %s skip %d: %d commits (%s..%s), margin %.2f, word rarity from %d older messages%n"
                        + "  right task first in line-ups of %d: %d/%d (%.1f %%)%n"
                        + "  true pairs flagged drifting: %d/%d (%.1f %%; %d as touching nothing of the task); unclear: %d%n"
                        + "  mismatches flagged drifting (right task live): %d/%d (%.1f %%)%n"
                        + "  mismatches alone flagged drifting: %d/%d, unclear: %d/%d%n"
                        + "  own-score gap to best other, true pairs: p50 %.3f p90 %.3f p95 %.3f max %.3f%n",
                Path.of(repo).getFileName(), rev, skip, pairs.size(), pairs.get(pairs.size() - 1).sha(), pairs.get(0).sha(),
                margin, history.older().size(), CANDIDATES, f.first, pairs.size(), 100.0 * f.first / pairs.size(),
                f.trueFlagged, pairs.size(), 100.0 * f.trueFlagged / pairs.size(), f.trueTouchingNothing, f.trueUnclear,
                f.mismatchFlagged, pairs.size(), 100.0 * f.mismatchFlagged / pairs.size(),
                f.aloneFlagged, pairs.size(), f.aloneUnclear, pairs.size(),
                quantile(f.gaps, 0.5), quantile(f.gaps, 0.9), quantile(f.gaps, 0.95), quantile(f.gaps, 1.0));
    }

    static final class Figures {
        int first;
        int trueFlagged;
        int trueUnclear;
        int trueTouchingNothing;
        int mismatchFlagged;
        int aloneFlagged;
        int aloneUnclear;
        final List<Double> gaps = new ArrayList<>();
    }

    static Figures evaluate(TaskFit fit, List<HistoryPairs.Pair> pairs) {
        Random random = new Random(24);
        Figures f = new Figures();
        for (int i = 0; i < pairs.size(); i++) {
            HistoryPairs.Pair right = pairs.get(i);
            List<HistoryPairs.Pair> others = draw(pairs, i, random);
            Map<String, String> live = new LinkedHashMap<>();
            others.forEach(o -> live.put(o.sha(), o.task()));
            TaskFit.Result truePair = fit.judge(right.change(), right.task(), live);
            f.first += truePair.own() > truePair.bestScore() ? 1 : 0;
            f.trueFlagged += truePair.verdict() == TaskFit.Verdict.DRIFTING ? 1 : 0;
            f.trueUnclear += truePair.verdict() == TaskFit.Verdict.UNCLEAR ? 1 : 0;
            f.trueTouchingNothing += truePair.verdict() == TaskFit.Verdict.DRIFTING && truePair.best() == null ? 1 : 0;
            f.gaps.add(truePair.bestScore() - truePair.own());

            HistoryPairs.Pair wrong = others.get(0);
            Map<String, String> withRight = new LinkedHashMap<>();
            withRight.put(right.sha(), right.task());
            others.subList(1, others.size()).forEach(o -> withRight.put(o.sha(), o.task()));
            TaskFit.Result mismatch = fit.judge(right.change(), wrong.task(), withRight);
            f.mismatchFlagged += mismatch.verdict() == TaskFit.Verdict.DRIFTING ? 1 : 0;
            TaskFit.Result alone = fit.judge(right.change(), wrong.task(), Map.of());
            f.aloneFlagged += alone.verdict() == TaskFit.Verdict.DRIFTING ? 1 : 0;
            f.aloneUnclear += alone.verdict() == TaskFit.Verdict.UNCLEAR ? 1 : 0;
        }
        return f;
    }

    /** Four other commits, drawn with a fixed seed so every run compares the same line-ups. */
    private static List<HistoryPairs.Pair> draw(List<HistoryPairs.Pair> pairs, int except, Random random) {
        List<Integer> indexes = new ArrayList<>();
        for (int j = 0; j < pairs.size(); j++) {
            if (j != except) {
                indexes.add(j);
            }
        }
        Collections.shuffle(indexes, random);
        return indexes.subList(0, CANDIDATES - 1).stream().map(pairs::get).toList();
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
    }

    /**
     * The same pairs through the model path ({@link ModelTaskFit}, OpenAI-compatible HTTP on loopback) with two
     * stand-in models, which cannot judge and are not meant to: one cites a real added line for every requirement
     * (an agreeable model), one cites a file the change does not have (a hallucinating model). What this measures is
     * the combination and the citation check: how verdicts move when the model agrees with everything, and that a
     * model whose citations the diff does not back cannot make a change "on task".
     */
    @Test
    void task_fit_through_the_model_path_with_stand_in_models() throws Exception {
        String repo = System.getProperty("czar.eval.repo", "");
        assumeTrue(!repo.isBlank(), "set -Dczar.eval.repo=PATH to a cloned repository");
        HistoryPairs.History history = HistoryPairs.read(Path.of(repo), System.getProperty("czar.eval.rev", "HEAD"),
                Integer.getInteger("czar.eval.skip", 0), Integer.getInteger("czar.eval.count", 100));
        TaskFit fit = new TaskFit(MiniLmEmbedder.shared(),
                Double.parseDouble(System.getProperty("czar.eval.margin", "0.2")), LexicalEvidence.rarity(history::older));
        for (StandInModel.Kind kind : StandInModel.Kind.values()) {
            try (StandInModel model = StandInModel.start(kind)) {
                ModelTaskFit reader = new ModelTaskFit(model.chatModel(), text -> text);
                int[] counts = throughModel(fit, reader, history.pairs());
                System.out.printf(Locale.ROOT, "model path on %s, %s stand-in, %d commits: true pairs flagged drifting %d,"
                                + " unclear %d, on task %d; mismatches (right task live) flagged drifting %d, unclear %d,"
                                + " on task %d; flagged citations %d; model calls %d%n",
                        Path.of(repo).getFileName(), kind.name().toLowerCase(Locale.ROOT), history.pairs().size(),
                        counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], model.calls());
                if (kind == StandInModel.Kind.HALLUCINATING) {
                    assertThat(counts[6]).as("every hallucinated citation is flagged").isEqualTo(2 * history.pairs().size());
                }
            }
        }
    }

    private static int[] throughModel(TaskFit fit, ModelTaskFit reader, List<HistoryPairs.Pair> pairs) {
        Random random = new Random(24);
        int[] counts = new int[7];
        for (int i = 0; i < pairs.size(); i++) {
            HistoryPairs.Pair right = pairs.get(i);
            List<HistoryPairs.Pair> others = draw(pairs, i, random);
            Map<String, String> live = new LinkedHashMap<>();
            others.forEach(o -> live.put(o.sha(), o.task()));
            ModelTaskFit.Reading trueReading = reader.read(right.task(), right.change());
            TaskFit.Verdict truePair = ModelTaskFit.combine(fit.judge(right.change(), right.task(), live).verdict(), trueReading);
            counts[truePair == TaskFit.Verdict.DRIFTING ? 0 : truePair == TaskFit.Verdict.UNCLEAR ? 1 : 2]++;
            Map<String, String> withRight = new LinkedHashMap<>();
            withRight.put(right.sha(), right.task());
            others.subList(1, others.size()).forEach(o -> withRight.put(o.sha(), o.task()));
            ModelTaskFit.Reading wrongReading = reader.read(others.get(0).task(), right.change());
            TaskFit.Verdict mismatch = ModelTaskFit.combine(
                    fit.judge(right.change(), others.get(0).task(), withRight).verdict(), wrongReading);
            counts[mismatch == TaskFit.Verdict.DRIFTING ? 3 : mismatch == TaskFit.Verdict.UNCLEAR ? 4 : 5]++;
            counts[6] += trueReading.flagged().size() + wrongReading.flagged().size();
        }
        return counts;
    }
}
