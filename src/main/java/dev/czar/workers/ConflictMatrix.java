package dev.czar.workers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts merge conflicts before merge time: an in-core merge of every active branch with main, and of every
 * pair of active branches, naming the files that would conflict. No working tree is touched. Incremental: the
 * outcome of each merge is kept by the two commits merged, so after one head moved only the pairs with that head
 * are merged again (among 100 branches: 100 merges instead of 5,050).
 */
public final class ConflictMatrix {
    private final BranchFacts git;
    /** Conflicting files by {@code ours..theirs} of the last round; what a round did not use is dropped. */
    private Map<String, List<String>> outcomes = new HashMap<>();
    private int lastMerges;

    public ConflictMatrix(BranchFacts git) {
        this.git = git;
    }

    /** A branch head to check, by workstream name. */
    public record Head(String workstream, String sha) {
    }

    public synchronized List<WorkerAlert> predict(String mainBranch, String mainSha, List<Head> heads, Instant now) {
        Map<String, List<String>> known = outcomes;
        Map<String, List<String>> used = new HashMap<>();
        lastMerges = 0;
        List<WorkerAlert> alerts = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            Head a = heads.get(i);
            List<String> withMain = conflicts(mainSha, a.sha(), known, used);
            if (!withMain.isEmpty()) {
                alerts.add(new WorkerAlert("conflict", mainBranch, a.workstream(), files(withMain), now));
            }
            for (Head b : heads.subList(i + 1, heads.size())) {
                List<String> files = conflicts(a.sha(), b.sha(), known, used);
                if (!files.isEmpty()) {
                    alerts.add(new WorkerAlert("conflict", a.workstream(), b.workstream(), files(files), now));
                }
            }
        }
        outcomes = used;
        return alerts;
    }

    /** How many in-core merges the last {@link #predict} ran (the rest were known from earlier rounds). */
    public synchronized int lastMerges() {
        return lastMerges;
    }

    private List<String> conflicts(String ours, String theirs, Map<String, List<String>> known,
                                   Map<String, List<String>> used) {
        String key = ours + ".." + theirs;
        List<String> files = known.get(key);
        if (files == null) {
            files = List.copyOf(git.conflicts(ours, theirs));
            lastMerges++;
        }
        used.put(key, files);
        return files;
    }

    private static String files(List<String> files) {
        return "both change " + String.join(", ", files);
    }
}
