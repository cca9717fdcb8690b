package dev.czar.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock standing in for the Slack Web API on a random loopback port, answering each method with its fixture
 * ({@code fixtures/slack/<method>.json}). Records what czar sent, decoded from Slack's form encoding.
 */
public final class SlackApiStub implements AutoCloseable {
    public static final String BOT_TOKEN = "xoxb-test-not-a-real-token";
    public static final String BOT_USER = "U0CZARBOT";
    private static final List<String> METHODS = List.of("auth.test", "chat.postMessage", "chat.update",
            "reactions.add", "reactions.remove");

    private final WireMockServer server;

    public SlackApiStub() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(16).jettyAcceptors(1));
        server.start();
        for (String method : METHODS) {
            server.stubFor(post(urlPathEqualTo("/api/" + method)).willReturn(okJson(SlackFixtures.read(method + ".json"))));
        }
    }

    /** Base URL to configure as {@code slack.api-url}. */
    public String apiUrl() {
        return server.baseUrl() + "/api/";
    }

    public WireMockServer server() {
        return server;
    }

    /** Form parameters of every call to {@code method}, in order. */
    public List<Map<String, String>> calls(String method) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/" + method))).stream()
                .map(SlackApiStub::form).toList();
    }

    /** A call received by the stub at {@code receivedMillis} (epoch ms, this JVM's clock), with its form parameters. */
    public record TimedCall(long receivedMillis, Map<String, String> form) {
    }

    /** Like {@link #calls} with the time each call arrived, for latency figures. */
    public List<TimedCall> timedCalls(String method) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/" + method))).stream()
                .map(r -> new TimedCall(r.getLoggedDate().getTime(), form(r))).toList();
    }

    /** Waits until {@code method} was called at least {@code n} times; returns the calls. */
    public List<Map<String, String>> awaitCalls(String method, int n, Duration timeout) {
        await(() -> calls(method).size() >= n, timeout, method + " called " + n + " times");
        return calls(method);
    }

    /** Waits for the first {@code chat.postMessage} whose text contains {@code text}; returns it. */
    public Map<String, String> awaitPost(String text, Duration timeout) {
        await(() -> firstPost(text).isPresent(), timeout, "a post containing '" + text + "' among "
                + calls("chat.postMessage"));
        return firstPost(text).orElseThrow();
    }

    private java.util.Optional<Map<String, String>> firstPost(String text) {
        return calls("chat.postMessage").stream().filter(p -> p.getOrDefault("text", "").contains(text)).findFirst();
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("authorization", request.getHeader("Authorization"));
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    @Override
    public void close() {
        server.stop();
    }
}
