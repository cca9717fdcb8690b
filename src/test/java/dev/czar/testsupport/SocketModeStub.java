package dev.czar.testsupport;

import dev.czar.chat.Json;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Slack's Socket Mode side on loopback: {@code apps.connections.open} (on the WireMock Web API stub) hands out this
 * server's {@code ws://} URL; on connect it says {@code hello}, then delivers envelopes the test pushes and records
 * the client's acknowledgements ({@code {"envelope_id": …}}).
 */
public final class SocketModeStub implements AutoCloseable {
    public static final String APP_TOKEN = "xapp-test-not-a-real-token";

    private final Server server;
    private final List<String> acks = new CopyOnWriteArrayList<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private volatile WebSocket client;

    public SocketModeStub(SlackApiStub slack) throws InterruptedException {
        server = new Server();
        server.setReuseAddr(true);
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("socket mode stub did not start");
        }
        String url = "ws://127.0.0.1:" + server.getPort() + "/link";
        slack.server().stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                .willReturn(okJson(SlackFixtures.fill("apps.connections.open.json", Map.of("url", url)))));
    }

    public void awaitConnection(Duration timeout) throws InterruptedException {
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("czar did not connect over Socket Mode");
        }
    }

    /** Delivers a payload as Slack would; returns the envelope id czar has to acknowledge. */
    public String deliver(String type, String payloadJson) {
        String id = UUID.randomUUID().toString();
        String envelope = "{\"envelope_id\":\"" + id + "\",\"type\":\"" + type + "\",\"accepts_response_payload\":false,"
                + "\"retry_attempt\":0,\"retry_reason\":\"\",\"payload\":" + payloadJson + "}";
        client.send(envelope);
        return id;
    }

    public List<String> acknowledgedEnvelopes() {
        return List.copyOf(acks);
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(1000);
    }

    private final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            client = conn;
            conn.send(SlackFixtures.read("payloads/socket_mode_hello.json"));
            connected.countDown();
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                var node = Json.MAPPER.readTree(message);
                if (node.hasNonNull("envelope_id")) {
                    acks.add(node.get("envelope_id").asText());
                }
            } catch (Exception e) {
                throw new IllegalStateException("unreadable message from czar: " + message, e);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
