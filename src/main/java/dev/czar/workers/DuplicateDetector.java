package dev.czar.workers;

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
 * Spots two workstreams doing the same work: task texts that say mostly the same thing (word overlap), or
 * branches that touch mostly the same files.
 */
public final class DuplicateDetector {
    static final double SIMILAR_TASKS = 0.6;
    static final double SAME_FILES = 0.8;
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with",
            "is", "it", "be", "as", "at", "by", "this", "that", "from", "so", "we", "you", "should", "must", "all");

    /** A workstream as compared: its task text and the files its branch touched so far. */
    public record Work(String name, String task, Set<String> files) {
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

    private static String reason(Work a, Work b) {
        double tasks = similarity(a.task(), b.task());
        if (tasks >= SIMILAR_TASKS) {
            return String.format(Locale.ROOT, "task texts are %.0f%% alike", tasks * 100);
        }
        Set<String> shared = new TreeSet<>(a.files());
        shared.retainAll(b.files());
        int smaller = Math.min(a.files().size(), b.files().size());
        if (smaller > 0 && shared.size() >= 2 && (double) shared.size() / smaller >= SAME_FILES) {
            return "they touch the same files: " + String.join(", ", shared);
        }
        return null;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 1 && !STOP.contains(w)).collect(Collectors.toCollection(HashSet::new));
    }
}
