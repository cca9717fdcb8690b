package dev.czar.workers;

import dev.czar.understanding.TextEmbedder;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Does a branch do its own task (issue 24)? Each task is scored against the branch's {@link BranchSummary}: the
 * cosine of their sentence embeddings plus lexical evidence (the share of the task's words the summary mentions).
 * A branch whose summary matches another live task better than its own by {@code margin} is drifting ("did the
 * wrong task?"); one that hardly matches its own task and no other is unclear; otherwise it is on task.
 */
public final class TaskFit {
    /** Weight of the lexical evidence next to the embedding cosine. */
    static final double LEXICAL = 0.3;
    /** Below this score the branch says too little about its own task to call it on task. */
    static final double UNCLEAR_BELOW = 0.2;
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "that", "this", "from", "into", "should",
            "must", "make", "add", "adds", "added", "implement", "build", "write", "fix", "use", "new", "all", "each",
            "every", "when", "then", "than", "also", "its", "their", "our", "your", "have", "has", "not", "are", "was");

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

    /** The verdict, the own task's score, the best other task (null when none) and its score, and why. */
    public record Result(Verdict verdict, double own, String best, double bestScore, String evidence) {
    }

    private final TextEmbedder embedder;
    private final double margin;

    public TaskFit(TextEmbedder embedder, double margin) {
        this.embedder = embedder;
        this.margin = margin;
    }

    public boolean available() {
        return embedder.available();
    }

    /** How well {@code task} describes the branch summarised as {@code summary}. */
    public double score(String task, String summary) {
        return embedder.similarity(task, summary) + LEXICAL * mentioned(task, summary);
    }

    public Result judge(String summary, String ownTask, Map<String, String> otherTasks) {
        double own = score(ownTask, summary);
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, String> other : otherTasks.entrySet()) {
            double s = score(other.getValue(), summary);
            if (s > bestScore) {
                best = other.getKey();
                bestScore = s;
            }
        }
        String what = "the branch (" + clip(summary) + ")";
        if (best != null && bestScore - own >= margin) {
            return new Result(Verdict.DRIFTING, own, best, bestScore, String.format(Locale.ROOT,
                    "%s matches %s's task (%.2f) better than its own (%.2f)", what, best, bestScore, own));
        }
        if (own < UNCLEAR_BELOW) {
            return new Result(Verdict.UNCLEAR, own, best, bestScore, String.format(Locale.ROOT,
                    "%s says little about its task (%.2f)", what, own));
        }
        return new Result(Verdict.ON_TASK, own, best, bestScore, String.format(Locale.ROOT,
                "%s matches its task (%.2f)%s", what, own,
                best == null ? "" : String.format(Locale.ROOT, "; nearest other task %s (%.2f)", best, bestScore)));
    }

    /** Share of the task's content words (stems of 5 letters) that the summary mentions. */
    static double mentioned(String task, String summary) {
        Set<String> taskWords = stems(task);
        if (taskWords.isEmpty()) {
            return 0;
        }
        Set<String> hit = new HashSet<>(taskWords);
        hit.retainAll(stems(summary));
        return (double) hit.size() / taskWords.size();
    }

    private static Set<String> stems(String text) {
        return Arrays.stream(BranchSummary.words(text).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 3 && !STOP.contains(w))
                .map(w -> w.length() > 5 ? w.substring(0, 5) : w).collect(Collectors.toSet());
    }

    private static String clip(String summary) {
        return summary.length() <= 80 ? summary : summary.substring(0, 77) + "...";
    }
}
