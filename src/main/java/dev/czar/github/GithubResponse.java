package dev.czar.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.czar.chat.Json;

import java.io.IOException;

/**
 * One answer from GitHub that the caller interprets itself: a 2xx, a 304 served from the ETag cache, or a 4xx that
 * is not a rate limit (404, 405 "not mergeable", 409 "head was modified", 422). 5xx and rate limits never get
 * here: they are {@link GithubFailure}s.
 *
 * @param next the {@code rel="next"} URL of the {@code Link} header, or {@code null} on the last page
 */
public record GithubResponse(int status, String body, String next) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON; a missing node for an empty body (204) or text that is not JSON. */
    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** GitHub's own one-line explanation ({@code "message"}), or empty. */
    public String message() {
        return json().path("message").asText("").lines().findFirst().orElse("");
    }
}
