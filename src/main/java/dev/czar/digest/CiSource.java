package dev.czar.digest;

import java.util.List;

/** What the digest and dashboard need from CI evidence: the failing runs of a branch. */
public interface CiSource {
    boolean configured();

    /** Latest runs of {@code branch} that completed without success. */
    List<FailingRun> failing(String branch);

    /** A failed workflow run with a link to it. */
    record FailingRun(String branch, String workflow, long runId, String headSha, String url, List<String> jobs) {
        public FailingRun {
            jobs = List.copyOf(jobs);
        }
    }

    CiSource NONE = new CiSource() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public List<FailingRun> failing(String branch) {
            return List.of();
        }
    };
}
