package dev.czar.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /slack/events}: events, slash commands and interactivity over HTTP. Parses with Bolt's
 * {@link SlackRequestParser} and dispatches with {@link App#run}, so Bolt verifies the signing secret and the
 * timestamp (forged, unsigned or stale requests get 401). A malformed request gets a 4xx, never a crash.
 */
final class SlackHttpEndpoint implements AutoCloseable {
    static final String PATH = "/slack/events";
    private static final Logger LOG = LoggerFactory.getLogger(SlackHttpEndpoint.class);
    /** Slack payloads are small; anything far larger is not from Slack. */
    private static final int MAX_BODY = 1 << 20;

    private final App app;
    private final SlackRequestParser parser;
    private final HttpServer server;
    private final ExecutorService threads;

    SlackHttpEndpoint(App app, String bindAddress, int port, int threadCount) throws IOException {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, port), 256);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "czar-slack-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PATH, this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "POST only");
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, "text/plain", "payload too large");
                return;
            }
            Response response = dispatch(exchange, new String(body, StandardCharsets.UTF_8));
            String type = response.getContentType() != null ? response.getContentType() : "text/plain";
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            }
            send(exchange, response.getStatusCode(), type, response.getBody() == null ? "" : response.getBody());
        } catch (RuntimeException e) {
            LOG.error("Slack request failed", e);
        }
    }

    private Response dispatch(HttpExchange exchange, String body) {
        try {
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(exchange.getRequestURI().getPath())
                    .queryString(query(exchange.getRequestURI().getRawQuery()))
                    .headers(new RequestHeaders(exchange.getRequestHeaders()))
                    .requestBody(body)
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
            if (request == null) {
                return Response.builder().statusCode(400).contentType("text/plain").body("not a Slack request").build();
            }
            return app.run(request);
        } catch (Exception e) {
            // a payload Bolt cannot read is the sender's problem, not a reason to stop serving
            LOG.warn("unreadable Slack request: {}", e.toString());
            return Response.builder().statusCode(400).contentType("text/plain").body("unreadable Slack request").build();
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
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

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        // acks are answered synchronously, so there is no in-flight work worth waiting for
        server.stop(0);
        threads.shutdownNow();
    }
}
