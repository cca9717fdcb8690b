package dev.czar.evidence.ci;

import java.time.Instant;
import java.util.List;

/**
 * What CI says about a ref, live or from the last successful fetch.
 *
 * @param configured whether GitHub Actions evidence is configured at all
 * @param repo       {@code owner/name}
 * @param ref        the branch or commit asked about
 * @param runs       latest run of each workflow, newest first; empty when none is known
 * @param fetchedAt  when GitHub gave this answer; {@code null} if never
 * @param live       whether it was fetched just now
 * @param problem    why the live fetch failed, or {@code null}
 */
public record CiStatus(boolean configured, String repo, String ref, List<WorkflowRun> runs, Instant fetchedAt,
                       boolean live, String problem) {
    public CiStatus {
        runs = List.copyOf(runs);
    }

    static CiStatus notConfigured(String ref) {
        return new CiStatus(false, "", ref, List.of(), null, false,
                "GitHub Actions is not configured (set ci.github.repo, and GITHUB_TOKEN for private repositories)");
    }

    /** Whether every known run completed successfully (false when nothing is known). */
    public boolean green() {
        return !runs.isEmpty() && runs.stream().allMatch(WorkflowRun::green);
    }

    public boolean known() {
        return fetchedAt != null;
    }
}
