package dev.czar.web;

import dev.czar.testsupport.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server every front door runs on, with small limits so that each one is reached in a test. */
class WebServerTest {
    static final HttpLimits SMALL = new HttpLimits(4, Duration.ofMillis(5000), Duration.ofSeconds(30), 64 * 1024, 8 * 1024);
    static final String SLOW_HEAD = "GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + "x".repeat(200) + "\r\n\r\n";

    final AtomicInteger routed = new AtomicInteger();
    WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WebServer start(Route route) throws Exception {
        server = WebServer.start("test", "127.0.0.1", 0, SMALL, call -> {
            routed.incrementAndGet();
            return route.handle(call);
        });
        return server;
    }

    @Test
    void should_answer_promptly_while_more_slow_connections_than_threads_trickle_headers_and_then_close_them() throws Exception {
        // given 8 connections (the pool has 4 threads) sending a header byte every 50 ms
        start(call -> HttpReply.text(200, "ok"));
        try (RawHttp.Slowloris slow = RawHttp.slowloris(server.port(), 8, SLOW_HEAD, 50)) {
            Thread.sleep(300);

            // when
            HttpResponse<String> fine = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/fine")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then: answered while the slow connections still hold more than the pool's threads
            assertThat(fine.statusCode()).isEqualTo(200);
            assertThat(slow.stillOpen()).as("slow connections open when the answer came").isEqualTo(8);
            long closedMs = slow.closedAfterMillis(15000);
            assertThat(closedMs).as("all slow connections closed by the server (ms since opened)").isBetween(4900L, 10000L);
            assertThat(routed).hasValue(1);
        }
    }

    @Test
    void should_cut_off_connections_that_trickle_their_body_without_holding_threads() throws Exception {
        // given 8 connections whose headers arrive in about 0.8 s and whose 1200-byte body then takes 12 s
        start(call -> HttpReply.text(200, "ok"));
        String request = "POST /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1200\r\n\r\n" + "b".repeat(1200);
        try (RawHttp.Slowloris slow = RawHttp.slowloris(server.port(), 8, request, 10)) {
            Thread.sleep(1500);

            // when
            HttpResponse<String> fine = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/fine")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(fine.statusCode()).isEqualTo(200);
            assertThat(slow.closedAfterMillis(15000)).as("slow bodies cut off (ms since opened)").isBetween(4900L, 10000L);
            assertThat(routed).as("only the complete request reached the route").hasValue(1);
        }
    }

    @Test
    void should_refuse_a_declared_10_mb_body_with_413_without_reading_it() throws Exception {
        // given
        start(call -> HttpReply.text(200, "ok"));
        byte[] body = new byte[10 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');

        // when
        RawHttp.Received received = RawHttp.exchange(server.port(), "POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n", body, 5000);

        // then
        assertThat(received.status()).isEqualTo(413);
        assertThat(received.millis()).as("time to 413 (ms): before the request deadline").isLessThan(SMALL.requestDeadline().toMillis());
        assertThat(received.closedByServer()).isTrue();
        assertThat(routed).hasValue(0);
    }

    @Test
    void should_refuse_a_chunked_body_at_the_limit() throws Exception {
        // given
        start(call -> HttpReply.text(200, "ok"));
        String chunk = "a".repeat(8192);
        StringBuilder chunked = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");

        // when
        RawHttp.Received received = RawHttp.exchange(server.port(), "POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunked.toString().getBytes(StandardCharsets.ISO_8859_1), 5000);

        // then
        assertThat(received.status()).isEqualTo(413);
        assertThat(routed).hasValue(0);
    }

    @Test
    void should_hand_the_route_the_whole_body_and_headers() throws Exception {
        // given
        start(call -> HttpReply.text(200, call.method() + " " + call.path() + " " + call.header("x-probe") + " " + call.bodyText()));

        // when
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/echo?a=1")).header("X-Probe", "p1")
                .POST(HttpRequest.BodyPublishers.ofString("hello body")).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.body()).isEqualTo("POST /echo p1 hello body");
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void should_answer_500_without_details_when_the_route_throws() throws Exception {
        // given
        start(call -> {
            throw new IllegalStateException("secret internals");
        });

        // when
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/boom")).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret internals");
    }
}
