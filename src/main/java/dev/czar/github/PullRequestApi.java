package dev.czar.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pull-request endpoints czar uses, over the one {@link GithubClient}: find, open as draft, update, mark ready
 * (GraphQL: REST cannot undraft), merge with the verified head, delete the branch.
 */
public final class PullRequestApi {
    private final GithubClient github;

    public PullRequestApi(GithubClient github) {
        this.github = github;
    }

    public String repo() {
        return github.repo();
    }

    /** A pull request as czar needs it. */
    public record Pull(int number, String url, String nodeId, String state, boolean draft, boolean merged, String headSha) {
        static Pull of(JsonNode pr) {
            return new Pull(pr.path("number").asInt(), pr.path("html_url").asText(), pr.path("node_id").asText(null),
                    pr.path("state").asText(), pr.path("draft").asBoolean(false), pr.path("merged").asBoolean(false),
                    pr.path("head").path("sha").asText(null));
        }
    }

    /** The open pull request from {@code branch} (of this repository), if any. */
    public Optional<Pull> openFrom(String branch) {
        String owner = github.repo().substring(0, github.repo().indexOf('/'));
        return github.getPages("/pulls?state=open&head=" + owner + ":" + branch, null, 1).stream().findFirst().map(Pull::of);
    }

    public Pull get(int number) {
        return Pull.of(github.getJson("/pulls/" + number));
    }

    /** Opens a draft, so CI that runs on pull requests starts before anyone is asked to review. */
    public Pull openDraft(String branch, String base, String title, String body) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("title", title);
        request.put("head", branch);
        request.put("base", base);
        request.put("body", body);
        request.put("draft", true);
        GithubResponse response = github.send("POST", "/pulls", request, GithubClient.JSON_MEDIA);
        if (response.status() != 201) {
            throw refused("open a pull request from " + branch, response);
        }
        return Pull.of(response.json());
    }

    public Pull update(int number, String title, String body) {
        GithubResponse response = github.send("PATCH", "/pulls/" + number, Map.of("title", title, "body", body),
                GithubClient.JSON_MEDIA);
        if (!response.ok()) {
            throw refused("update pull request #" + number, response);
        }
        return Pull.of(response.json());
    }

    /** Marks a draft ready for review (GraphQL {@code markPullRequestReadyForReview}). */
    public void markReady(String nodeId) {
        String query = "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id})"
                + " { pullRequest { number isDraft } } }";
        GithubResponse response = github.send("POST", graphqlUrl(), Map.of("query", query, "variables", Map.of("id", nodeId)),
                "application/json");
        if (!response.ok() || response.json().has("errors")) {
            throw new GithubFailure(GithubFailure.Kind.REFUSED, "GitHub refused to mark the pull request ready for review: "
                    + response.json().path("errors").path(0).path("message").asText("HTTP " + response.status()), null, null);
        }
    }

    /** GitHub's GraphQL endpoint next to the REST base URL ({@code /api/v3} becomes {@code /api/graphql} on Enterprise). */
    String graphqlUrl() {
        String api = github.apiUrl();
        return api.endsWith("/api/v3") ? api.substring(0, api.length() - "v3".length()) + "graphql" : api + "/graphql";
    }

    static GithubFailure refused(String doing, GithubResponse response) {
        String message = response.message();
        return new GithubFailure(GithubFailure.Kind.REFUSED, "GitHub refused to " + doing + ": HTTP " + response.status()
                + (message.isEmpty() ? "" : " \"" + message + "\""), null, null);
    }
}
