package dev.czar.workers;

import dev.czar.understanding.TextEmbedder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Spots two workstreams doing the same work. What the branches touch decides first: two branches that both changed
 * code and share nothing (no file, no added identifier) are not duplicates however alike their task texts read,
 * so thirty tasks from one template ("Implement part N, file N") are not thirty-choose-two alerts. Tasks that mean
 * the same (sentence embeddings, or word overlap when embeddings are off) are duplicates when the branches overlap,
 * or, before any commit, when neither task names a target (number, path, identifier) the other does not.
 * Branches touching mostly the same files are duplicates whatever their tasks say.
 */
public final class DuplicateDetector {
    static final double SIMILAR_TASKS = 0.6;
    static final double SAME_FILES = 0.8;
    /** Tasks this alike in meaning are "close" in the status file, below the duplicate bar. */
    static final double CLOSE = 0.6;
    static final double CLOSE_WORDS = 0.3;
    /** Word-overlap bar for tasks whose branches overlap, when embeddings are off. */
    static final double RELATED_WORDS = 0.25;
    /** Files nearly every change touches: sharing them says nothing about doing the same work. */
    private static final Set<String> COMMON_FILES = Set.of("pom.xml", "build.gradle", "build.gradle.kts", "package.json",
            "package-lock.json", "yarn.lock", "go.mod", "go.sum", "cargo.toml", "cargo.lock", "readme.md", "changelog.md",
            ".gitignore", "requirements.txt", "pyproject.toml", "makefile");
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with",
            "is", "it", "be", "as", "at", "by", "this", "that", "from", "so", "we", "you", "should", "must", "all");

    private final TextEmbedder embedder;
    private final double threshold;
    private final double related;

    /** A workstream as compared: its task text, the files its branch touched and the identifiers it added. */
    public record Work(String name, String task, Set<String> files, Set<String> identifiers) {
        public Work(String name, String task, Set<String> files) {
            this(name, task, files, Set.of());
        }
    }

    /** Word overlap only (no model): the rules czar falls back to with {@code understanding.embeddings: off}. */
    public DuplicateDetector() {
        this(TextEmbedder.OFF, SIMILAR_TASKS, RELATED_WORDS);
    }

    /**
     * @param threshold how alike (embedding cosine, or word overlap without embeddings) two tasks must be to mean
     *                  the same work on their own
     * @param related   the lower bar for tasks whose branches already change the same files or declare the same names
     */
    public DuplicateDetector(TextEmbedder embedder, double threshold, double related) {
        this.embedder = embedder;
        this.threshold = threshold;
        this.related = related;
    }

    public List<WorkerAlert> find(List<Work> work, Instant now) {
        List<WorkerAlert> alerts = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            for (Work b : work.subList(i + 1, work.size())) {
                Work a = work.get(i);
                String why = reason(a, b);
                if (why != null) {
                    alerts.add(new WorkerAlert("duplicate", a.name(), b.name(), why, now));
                }
            }
        }
        return alerts;
    }

    /** Task similarity in [0, 1]: shared words over all words (stop words left out). */
    public static double similarity(String a, String b) {
        Set<String> x = words(a);
        Set<String> y = words(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return (double) x.size() / union.size();
    }

    /**
     * How alike two tasks are when they are close enough for a worker to want to know (the status file's "close
     * tasks"): embedding cosine of at least {@link #CLOSE} (word overlap of {@link #CLOSE_WORDS} without embeddings),
     * and not one template aimed at different targets.
     */
    public java.util.OptionalDouble closeness(String a, String b) {
        double s = taskSimilarity(a, b);
        boolean close = s >= (embedder.available() ? CLOSE : CLOSE_WORDS) && !TaskTargets.differ(a, b);
        return close ? java.util.OptionalDouble.of(s) : java.util.OptionalDouble.empty();
    }

    /** How alike two task texts mean: embedding cosine when available, else word overlap. */
    public double taskSimilarity(String a, String b) {
        return embedder.available() ? embedder.similarity(a, b) : similarity(a, b);
    }

    private String reason(Work a, Work b) {
        Set<String> sharedFiles = shared(a.files(), b.files());
        sharedFiles.removeIf(f -> COMMON_FILES.contains(f.substring(f.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)));
        int smaller = Math.min(a.files().size(), b.files().size());
        if (smaller > 0 && sharedFiles.size() >= 2 && (double) sharedFiles.size() / smaller >= SAME_FILES) {
            return "they touch the same files: " + String.join(", ", sharedFiles);
        }
        Set<String> sharedIds = shared(a.identifiers(), b.identifiers());
        boolean bothChanged = !a.files().isEmpty() && !b.files().isEmpty();
        if (bothChanged && sharedFiles.isEmpty() && sharedIds.isEmpty()) {
            return null;
        }
        if (!bothChanged && TaskTargets.differ(a.task(), b.task())) {
            return null;
        }
        double tasks = taskSimilarity(a.task(), b.task());
        if (tasks < (bothChanged ? related : threshold)) {
            return null;
        }
        String alike = embedder.available()
                ? String.format(Locale.ROOT, "tasks are %.2f alike in meaning", tasks)
                : String.format(Locale.ROOT, "task texts are %.0f%% alike", tasks * 100);
        if (!bothChanged) {
            return alike;
        }
        Set<String> both = new TreeSet<>(sharedFiles);
        both.addAll(sharedIds);
        return alike + " and both change " + String.join(", ", both.stream().limit(5).toList());
    }

    private static Set<String> shared(Set<String> a, Set<String> b) {
        Set<String> shared = new TreeSet<>(a);
        shared.retainAll(b);
        return shared;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 1 && !STOP.contains(w)).collect(Collectors.toCollection(HashSet::new));
    }
}
