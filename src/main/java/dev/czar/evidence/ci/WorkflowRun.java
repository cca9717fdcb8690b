package dev.czar.evidence.ci;

import java.time.Instant;
import java.util.List;

/**
 * One GitHub Actions workflow run, as far as czar needs it.
 *
 * @param status      queued, in_progress, completed, ...
 * @param conclusion  success, failure, cancelled, ... or {@code null} while running
 * @param startedAt   {@code run_started_at}
 * @param updatedAt   {@code updated_at}; the finish time once {@code status} is completed
 * @param failingJobs jobs that did not succeed, with their failed steps (filled for failed runs only)
 */
public record WorkflowRun(long id, String workflow, int runNumber, String branch, String headSha, String event,
                          String status, String conclusion, String url, Instant startedAt, Instant updatedAt,
                          List<FailedJob> failingJobs) {
    public WorkflowRun {
        failingJobs = failingJobs == null ? List.of() : List.copyOf(failingJobs);
    }

    public WorkflowRun withFailingJobs(List<FailedJob> jobs) {
        return new WorkflowRun(id, workflow, runNumber, branch, headSha, event, status, conclusion, url, startedAt,
                updatedAt, jobs);
    }

    public boolean completed() {
        return "completed".equals(status);
    }

    public boolean green() {
        return completed() && ("success".equals(conclusion) || "skipped".equals(conclusion) || "neutral".equals(conclusion));
    }

    /** A job of a run that did not succeed. */
    public record FailedJob(long id, String name, String conclusion, String url, List<String> failedSteps) {
        public FailedJob {
            failedSteps = List.copyOf(failedSteps);
        }
    }
}
