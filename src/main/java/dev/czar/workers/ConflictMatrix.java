package dev.czar.workers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts merge conflicts before merge time: an in-core merge of every active branch with main, and of every
 * pair of active branches, naming the files that would conflict. No working tree is touched.
 */
public final class ConflictMatrix {
    private final BranchFacts git;

    public ConflictMatrix(BranchFacts git) {
        this.git = git;
    }

    /** A branch head to check, by workstream name. */
    public record Head(String workstream, String sha) {
    }

    public List<WorkerAlert> predict(String mainBranch, String mainSha, List<Head> heads, Instant now) {
        List<WorkerAlert> alerts = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            Head a = heads.get(i);
            List<String> withMain = git.conflicts(mainSha, a.sha());
            if (!withMain.isEmpty()) {
                alerts.add(new WorkerAlert("conflict", mainBranch, a.workstream(), files(withMain), now));
            }
            for (Head b : heads.subList(i + 1, heads.size())) {
                List<String> files = git.conflicts(a.sha(), b.sha());
                if (!files.isEmpty()) {
                    alerts.add(new WorkerAlert("conflict", a.workstream(), b.workstream(), files(files), now));
                }
            }
        }
        return alerts;
    }

    private static String files(List<String> files) {
        return "both change " + String.join(", ", files);
    }
}
