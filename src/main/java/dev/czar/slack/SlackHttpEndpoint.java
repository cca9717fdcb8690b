package dev.czar.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.czar.web.HttpCall;
import dev.czar.web.HttpLimits;
import dev.czar.web.HttpReply;
import dev.czar.web.Route;
import dev.czar.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /slack/events}: events, slash commands and interactivity over HTTP, on a {@link WebServer} (bounded
 * threads, body limit, request deadlines). The {@link SlackRequestGate} checks the timestamp (both directions) and the
 * signature before anything is parsed; then Bolt's {@link SlackRequestParser} and {@link App#run} take over, and Bolt
 * verifies the signature again. Until a request passed the gate only its size and a hash of it are logged.
 */
final class SlackHttpEndpoint implements AutoCloseable {
    static final String PATH = "/slack/events";
    private static final Logger LOG = LoggerFactory.getLogger(SlackHttpEndpoint.class);

    private final App app;
    private final SlackRequestGate gate;
    private final SlackRequestParser parser;
    private final Map<String, Route> otherRoutes;
    private final WebServer server;

    SlackHttpEndpoint(App app, SlackRequestGate gate, String bindAddress, int port, HttpLimits limits) throws IOException {
        this(app, gate, bindAddress, port, limits, Map.of());
    }

    /** @param otherRoutes paths besides {@link #PATH} on the same server (GitHub's webhook), each verifying its own callers */
    SlackHttpEndpoint(App app, SlackRequestGate gate, String bindAddress, int port, HttpLimits limits,
                      Map<String, Route> otherRoutes) throws IOException {
        this.app = app;
        this.gate = gate;
        this.parser = new SlackRequestParser(app.config());
        this.otherRoutes = Map.copyOf(otherRoutes);
        this.server = WebServer.start("slack-http", bindAddress, port, limits, this::handle);
    }

    int port() {
        return server.port();
    }

    private HttpReply handle(HttpCall call) throws Exception {
        Route other = otherRoutes.get(call.path());
        if (other != null) {
            return other.handle(call);
        }
        if (!PATH.equals(call.path())) {
            return HttpReply.text(404, "not found");
        }
        if (!"POST".equals(call.method())) {
            return HttpReply.text(405, "POST only");
        }
        String body = call.bodyText();
        Optional<String> refusal = gate.refusal(call.header(SlackRequestGate.TIMESTAMP), call.header(SlackRequestGate.SIGNATURE), body);
        if (refusal.isPresent()) {
            LOG.info("Slack request refused ({}): {} bytes, sha256 {}", refusal.get(), call.body().length, shortHash(call.body()));
            return HttpReply.text(401, "invalid request");
        }
        Response response = dispatch(call, body);
        String type = response.getContentType() != null ? response.getContentType() : "text/plain";
        byte[] bytes = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        return new HttpReply(response.getStatusCode(), type, response.getHeaders(), bytes);
    }

    private Response dispatch(HttpCall call, String body) {
        try {
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(call.path())
                    .queryString(query(call.rawQuery()))
                    .headers(new RequestHeaders(call.headers()))
                    .requestBody(body)
                    .remoteAddress(call.remoteAddress())
                    .build());
            if (request == null) {
                return Response.builder().statusCode(400).contentType("text/plain").body("not a Slack request").build();
            }
            return app.run(request);
        } catch (Exception e) {
            // a payload Bolt cannot read is the sender's problem, not a reason to stop serving
            LOG.warn("unreadable Slack request ({}): {} bytes, sha256 {}", e.getClass().getSimpleName(), call.body().length,
                    shortHash(call.body()));
            return Response.builder().statusCode(400).contentType("text/plain").body("unreadable Slack request").build();
        }
    }

    /** The first 16 hex digits of the body's SHA-256: enough to match log lines to a capture, nothing of the content. */
    static String shortHash(byte[] body) {
        return sha256(body).substring(0, 16);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    @Override
    public void close() {
        // acks are answered synchronously, so there is no in-flight work worth waiting for
        server.close();
    }
}
