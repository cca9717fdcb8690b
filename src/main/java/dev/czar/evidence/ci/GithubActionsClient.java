package dev.czar.evidence.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.github.GithubClient;
import dev.czar.github.GithubFailure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads GitHub Actions workflow runs and jobs through czar's one {@link GithubClient} (ETags, pagination, rate
 * limits, retries and the breaker live there).
 */
public final class GithubActionsClient {
    static final int PER_PAGE = GithubClient.PER_PAGE;

    private final GithubClient github;

    public GithubActionsClient(GithubClient github) {
        this.github = github;
    }

    public String repo() {
        return github.repo();
    }

    /** Current breaker state, for health output: CLOSED, OPEN, HALF_OPEN. */
    public String breakerState() {
        return github.breakerState();
    }

    /**
     * Workflow runs, newest first, filtered by branch and/or head commit, following pagination up to {@code max}.
     *
     * @throws GithubFailure when GitHub cannot answer
     */
    public List<WorkflowRun> runs(String branch, String headSha, int max) {
        StringBuilder path = new StringBuilder("/actions/runs?per_page=" + Math.min(max, PER_PAGE));
        if (branch != null) {
            path.append("&branch=").append(URLEncoder.encode(branch, StandardCharsets.UTF_8));
        }
        if (headSha != null) {
            path.append("&head_sha=").append(URLEncoder.encode(headSha, StandardCharsets.UTF_8));
        }
        return github.getPages(path.toString(), "workflow_runs", max).stream().map(GithubJson::run).toList();
    }

    /** Jobs of one run, with their steps, following pagination. */
    public List<JsonNode> jobs(long runId) {
        return github.getPages("/actions/runs/" + runId + "/jobs?per_page=" + PER_PAGE, "jobs", Integer.MAX_VALUE);
    }
}
