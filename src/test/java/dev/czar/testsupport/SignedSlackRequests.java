package dev.czar.testsupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Sends requests to a Slack endpoint the way Slack does: {@code X-Slack-Signature} is
 * {@code v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body))}. Also sends the forged and stale kinds.
 */
public final class SignedSlackRequests {
    public static final String FAKE_SIGNING_SECRET = "not-a-real-signing-secret-0123456789";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String secret;

    public SignedSlackRequests(URI endpoint, String secret) {
        this.endpoint = endpoint;
        this.secret = secret;
    }

    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Events API JSON payload, correctly signed now. */
    public HttpResponse<String> event(String json) {
        return send(json, "application/json", Instant.now().getEpochSecond(), secret, null);
    }

    /** The same, marked as Slack's n-th redelivery. */
    public HttpResponse<String> redelivery(String json, int retryNum) {
        return send(json, "application/json", Instant.now().getEpochSecond(), secret, retryNum);
    }

    /** A slash command, form-encoded as Slack sends it. */
    public HttpResponse<String> command(String formBody) {
        return send(formBody, "application/x-www-form-urlencoded", Instant.now().getEpochSecond(), secret, null);
    }

    /** A slash command signed with the given timestamp: sent twice, it is byte for byte the same request. */
    public HttpResponse<String> commandAt(Instant when, String formBody) {
        return send(formBody, "application/x-www-form-urlencoded", when.getEpochSecond(), secret, null);
    }

    /** An interactivity payload ({@code block_actions}), wrapped in {@code payload=} as Slack sends it. */
    public HttpResponse<String> interaction(String json) {
        String body = "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
        return send(body, "application/x-www-form-urlencoded", Instant.now().getEpochSecond(), secret, null);
    }

    public HttpResponse<String> signedWith(String otherSecret, String json) {
        return send(json, "application/json", Instant.now().getEpochSecond(), otherSecret, null);
    }

    public HttpResponse<String> signedAt(Instant when, String json) {
        return send(json, "application/json", when.getEpochSecond(), secret, null);
    }

    public HttpResponse<String> unsigned(String json) {
        return exchange(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(String body, String type, long timestamp, String key, Integer retryNum) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", type)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature(key, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (retryNum != null) {
            request.header("X-Slack-Retry-Num", retryNum.toString()).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return exchange(request.build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
