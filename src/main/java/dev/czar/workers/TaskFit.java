package dev.czar.workers;

import dev.czar.understanding.TextEmbedder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does a branch do its own task (issue 24)? Each task is scored against the branch's {@link BranchSummary}: the
 * cosine of their sentence embeddings plus lexical evidence (the share of the task's words among the words the
 * change touches: paths, identifiers of added and removed lines, messages).
 * A branch whose summary matches another live task better than its own by {@code margin} is drifting ("did the
 * wrong task?"); one that hardly matches its own task and no other is unclear; otherwise it is on task.
 */
public final class TaskFit {
    /** Weight of the lexical evidence (0 to {@link LexicalEvidence#MAX}) next to the embedding cosine. */
    static final double LEXICAL = 0.5;
    /** Below this score the change says too little about the task to call it on task. */
    static final double UNCLEAR_BELOW = 0.2;

    public enum Verdict {
        ON_TASK("on task"), DRIFTING("drifting"), UNCLEAR("unclear");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The verdict, the own task's score, the best other task (null when none) and its score, why (one line), every
     * other task's score by name, and the evidence as separate lines (for {@code czar fit --json}).
     */
    public record Result(Verdict verdict, double own, String best, double bestScore, String evidence,
                         Map<String, Double> others, List<String> details) {
    }

    private final TextEmbedder embedder;
    private final double margin;
    private final LexicalEvidence lexical;

    /** Every word of a task weighs the same. */
    public TaskFit(TextEmbedder embedder, double margin) {
        this(embedder, margin, LexicalEvidence.uniform());
    }

    /**
     * @param margin  how much better (in score) another task must match the change than its own to call it drifting
     * @param lexical word weights, learned from the repository's commit messages ({@link LexicalEvidence#rarity})
     */
    public TaskFit(TextEmbedder embedder, double margin, LexicalEvidence lexical) {
        this.embedder = embedder;
        this.margin = margin;
        this.lexical = lexical;
    }

    /** The word weights scores use (also what requirement progress reads). */
    public LexicalEvidence lexical() {
        return lexical;
    }

    public boolean available() {
        return embedder.available();
    }

    /** How well {@code task} describes the change: embedding cosine plus the weighted lexical evidence. */
    public double score(String task, ChangeSummary change) {
        return embedder.similarity(task, change.text()) + LEXICAL * lexical.score(task, change);
    }

    /** The change judged against its own task and each other live (or alternative) task, by name. */
    public Result judge(ChangeSummary change, String ownTask, Map<String, String> otherTasks) {
        double own = score(ownTask, change);
        Map<String, Double> scores = new LinkedHashMap<>();
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, String> other : otherTasks.entrySet()) {
            double s = score(other.getValue(), change);
            scores.put(other.getKey(), s);
            if (s > bestScore) {
                best = other.getKey();
                bestScore = s;
            }
        }
        List<String> details = details(ownTask, change);
        String what = "the branch (" + clip(change.text()) + ")";
        if (best != null && bestScore - own >= margin) {
            return new Result(Verdict.DRIFTING, own, best, bestScore, String.format(Locale.ROOT,
                    "%s matches %s's task (%.2f) better than its own (%.2f)", what, best, bestScore, own), scores, details);
        }
        if (own < UNCLEAR_BELOW && lexical.score(ownTask, change) == 0) {
            return new Result(Verdict.DRIFTING, own, null, bestScore, String.format(Locale.ROOT,
                    "%s touches nothing its task is about (%.2f, none of the task's words)", what, own), scores, details);
        }
        if (own < UNCLEAR_BELOW) {
            return new Result(Verdict.UNCLEAR, own, best, bestScore, String.format(Locale.ROOT,
                    "%s says little about its task (%.2f)", what, own), scores, details);
        }
        return new Result(Verdict.ON_TASK, own, best, bestScore, String.format(Locale.ROOT,
                "%s matches its task (%.2f)%s", what, own,
                best == null ? "" : String.format(Locale.ROOT, "; nearest other task %s (%.2f)", best, bestScore)),
                scores, details);
    }

    /** Which of the task's words the change touches and which it does not, and what it changed. */
    private List<String> details(String task, ChangeSummary change) {
        List<List<String>> words = lexical.touched(task, change);
        List<String> touched = words.get(0);
        List<String> untouched = words.get(1);
        List<String> details = new ArrayList<>();
        details.add("changes " + change.changes().size() + " file(s), +" + change.addedLines() + " -" + change.removedLines()
                + ": " + String.join(", ", change.paths().stream().limit(8).toList())
                + (change.paths().size() > 8 ? ", ..." : ""));
        if (!touched.isEmpty()) {
            details.add("task words the change touches: " + String.join(", ", touched.stream().limit(12).toList()));
        }
        if (!untouched.isEmpty()) {
            details.add("task words the change does not touch: " + String.join(", ", untouched.stream().limit(12).toList()));
        }
        details.add("summary read: " + clip(change.text()));
        return details;
    }

    private static String clip(String summary) {
        return summary.length() <= 80 ? summary : summary.substring(0, 77) + "...";
    }
}
