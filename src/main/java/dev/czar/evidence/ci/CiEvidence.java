package dev.czar.evidence.ci;

import dev.czar.config.CiConfig;
import dev.czar.github.GithubClient;
import dev.czar.github.GithubFailure;
import dev.czar.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CI evidence for a branch or commit from GitHub Actions: the latest run of each workflow, and for failed runs the
 * failing jobs and their failed steps. Every successful answer is kept; when GitHub is unreachable, rate limited or
 * behind an open circuit breaker, the status says so and carries the last known result with the time it was fetched.
 */
public final class CiEvidence {
    private static final Logger LOG = LoggerFactory.getLogger(CiEvidence.class);
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    static final int MAX_RUNS = 30;

    private final GithubActionsClient client;
    private final CiSnapshots snapshots;
    private final Clock clock;

    /** @param client {@code null} when GitHub Actions is not configured */
    public CiEvidence(GithubActionsClient client, Database db, Clock clock) {
        this.client = client;
        this.snapshots = new CiSnapshots(db);
        this.clock = clock;
    }

    /** Builds the client from config; GitHub stays off (fail open) while {@code ci.github.repo} is empty. */
    public static CiEvidence fromConfig(CiConfig config, String token, Database db, Clock clock) {
        CiConfig.GithubConfig github = config.github();
        GithubActionsClient client = github.enabled()
                ? new GithubActionsClient(GithubClient.fromConfig(github, token, clock)) : null;
        return new CiEvidence(client, db, clock);
    }

    public boolean configured() {
        return client != null;
    }

    /**
     * CI status of a branch name or a full 40-character commit SHA. Never throws for GitHub trouble: the result
     * then has {@code live == false}, a {@code problem}, and the last known runs if any.
     */
    public CiStatus status(String ref) {
        if (client == null) {
            return CiStatus.notConfigured(ref);
        }
        boolean sha = FULL_SHA.matcher(ref).matches();
        try {
            List<WorkflowRun> all = client.runs(sha ? null : ref, sha ? ref.toLowerCase(java.util.Locale.ROOT) : null, MAX_RUNS);
            List<WorkflowRun> latest = new ArrayList<>();
            for (WorkflowRun run : latestPerWorkflow(all)) {
                boolean failed = run.completed() && !run.green();
                latest.add(failed ? run.withFailingJobs(GithubJson.failingJobs(client.jobs(run.id()))) : run);
            }
            Instant now = clock.instant();
            snapshots.save(client.repo(), ref, latest, now);
            return new CiStatus(true, client.repo(), ref, latest, now, true, null);
        } catch (GithubFailure e) {
            LOG.warn("GitHub Actions lookup for {} failed ({}): {}", ref, e.kind(), e.getMessage());
            return snapshots.load(client.repo(), ref)
                    .map(s -> new CiStatus(true, client.repo(), ref, s.runs(), s.fetchedAt(), false, e.getMessage()))
                    .orElseGet(() -> new CiStatus(true, client.repo(), ref, List.of(), null, false, e.getMessage()));
        }
    }

    /** Runs come newest first; keep the first (newest) run of each workflow. */
    private static List<WorkflowRun> latestPerWorkflow(List<WorkflowRun> runs) {
        Set<String> seen = new LinkedHashSet<>();
        List<WorkflowRun> latest = new ArrayList<>();
        for (WorkflowRun run : runs) {
            if (seen.add(String.valueOf(run.workflow()))) {
                latest.add(run);
            }
        }
        return latest;
    }
}
