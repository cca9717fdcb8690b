package dev.czar.github;

import dev.czar.workers.RemoteMerge;
import dev.czar.workers.WorkerException;
import dev.czar.workers.Workstream;

import java.time.Clock;
import java.util.Map;

/**
 * {@code czar merge NAME} with GitHub: merges the workstream's pull request through the API with the configured
 * method, passing the head SHA the gate verified so that a head that moved since refuses (HTTP 409); then deletes
 * the {@code czar/*} branch. The merge commit GitHub made is the evidence.
 */
public final class PullRequestMerge implements RemoteMerge {
    private final GithubClient github;
    private final PullRequestStore store;
    private final String method;
    private final Clock clock;

    /** @param method {@code squash}, {@code merge} or {@code rebase} ({@code workers.merge-method}) */
    public PullRequestMerge(GithubClient github, PullRequestStore store, String method, Clock clock) {
        this.github = github;
        this.store = store;
        this.method = method;
        this.clock = clock;
    }

    @Override
    public String merge(Workstream ws, String verifiedHead, String user) {
        PullRequestStore.PullRequest pr = store.of(ws.name()).orElseThrow(() -> new WorkerException(ws.name()
                + " has no pull request yet; wait for the gate to push " + ws.branch() + " and open one"));
        String shortHead = verifiedHead.substring(0, 7);
        GithubResponse response;
        try {
            response = github.send("PUT", "/pulls/" + pr.number() + "/merge", Map.of("merge_method", method,
                    "sha", verifiedHead, "commit_title", PullRequestBody.title(ws) + " (#" + pr.number() + ")"),
                    GithubClient.JSON_MEDIA);
        } catch (GithubFailure e) {
            throw new WorkerException("cannot merge pull request #" + pr.number() + ": " + e.getMessage());
        }
        switch (response.status()) {
            case 200 -> {
            }
            case 409 -> throw new WorkerException("pull request #" + pr.number() + "'s head moved after the gate verified "
                    + shortHead + " (GitHub: \"" + response.message() + "\"); wait for the gate to check the new head");
            case 405 -> throw new WorkerException("GitHub will not merge pull request #" + pr.number() + ": \""
                    + response.message() + "\" (required checks or reviews missing, or conflicts)");
            default -> throw new WorkerException("GitHub refused to merge pull request #" + pr.number() + ": HTTP "
                    + response.status() + (response.message().isEmpty() ? "" : " \"" + response.message() + "\""));
        }
        String mergeSha = response.json().path("sha").asText("");
        String deleted = deleteBranch(ws.branch());
        store.save(new PullRequestStore.PullRequest(ws.name(), pr.repo(), pr.number(), pr.url(), pr.nodeId(), "merged",
                verifiedHead, clock.instant()));
        return method + "-merged pull request #" + pr.number() + " (" + pr.url() + ") at verified head " + shortHead
                + " as " + mergeSha + "; " + deleted + "; confirmed by " + user;
    }

    private String deleteBranch(String branch) {
        if (!branch.startsWith("czar/")) {
            return "branch " + branch + " kept (not czar's)";
        }
        try {
            GithubResponse response = github.send("DELETE", "/git/refs/heads/" + branch, null, GithubClient.JSON_MEDIA);
            return response.status() == 204 ? "branch " + branch + " deleted"
                    : "branch " + branch + " not deleted (HTTP " + response.status() + " \"" + response.message() + "\")";
        } catch (GithubFailure e) {
            return "branch " + branch + " not deleted (" + e.getMessage() + ")";
        }
    }
}
