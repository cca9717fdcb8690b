package dev.czar.slack;

import dev.czar.config.SlackConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.CapturedLogs;
import dev.czar.testsupport.RawHttp;
import dev.czar.testsupport.SignedSlackRequests;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.SlackFixtures;
import dev.czar.web.HttpLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack HTTP endpoint under the probes of issue 18: slowloris, a 10 MB body, a timestamp in the future, a replayed
 * slash command, a forged body made to look like log lines. A real Bolt app with signing on, a small thread pool and a
 * short request deadline so that each limit is reached within the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSlackHttpTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Four threads and 5 s to deliver a request: production has 16 and 10 s. */
    private static final HttpLimits SMALL = new HttpLimits(4, Duration.ofMillis(5000), Duration.ofSeconds(30), 1 << 20, 16 * 1024);

    SlackTestBed bed;

    @BeforeAll
    void start(@TempDir Path dir) {
        bed = new SlackTestBed(dir, new SlackConfig(null),
                Database.open("jdbc:h2:mem:hostile-slack-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                SlackFrontDoor.Transport.http(0, "127.0.0.1").withLimits(SMALL),
                new SlackTokens(SlackApiStub.BOT_TOKEN, null, SignedSlackRequests.FAKE_SIGNING_SECRET), stub -> { });
    }

    @BeforeEach
    void forgetCalls() {
        bed.slack.server().resetRequests();
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    @Test
    void should_acknowledge_a_signed_event_promptly_while_slow_connections_trickle_headers_and_time_them_out() throws Exception {
        // given 8 connections (twice the pool) sending a request's headers one byte every 50 ms
        String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Slack-Request-Timestamp: " + Instant.now().getEpochSecond() + "\r\nX-Padding: " + "p".repeat(300) + "\r\n\r\n";
        try (RawHttp.Slowloris slow = RawHttp.slowloris(bed.frontDoor.httpPort(), 8, head, 50)) {
            Thread.sleep(300);

            // when
            HttpResponse<String> ack = bed.requests.event(SlackHttpFrontDoorTest.mention("Ev" + UUID.randomUUID(),
                    "1764250000.000900", "status of feature-x"));

            // then: acknowledged while the slow connections still hold more than the pool's threads
            assertThat(ack.statusCode()).isEqualTo(200);
            assertThat(slow.stillOpen()).as("slow connections open when the ack came").isEqualTo(8);
            bed.slack.awaitCalls("chat.postMessage", 1, WAIT);
            assertThat(slow.closedAfterMillis(15000)).as("every slow connection closed by czar (ms since opened)")
                    .isBetween(4900L, 10000L);
        }
    }

    @Test
    void should_refuse_a_10_mb_body_of_one_letter_in_milliseconds_and_log_only_its_size() throws Exception {
        // given
        byte[] body = new byte[10 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Slack-Request-Timestamp: " + Instant.now().getEpochSecond() + "\r\nX-Slack-Signature: v0=00\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";

        // when
        RawHttp.Received received;
        List<String> logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            received = RawHttp.exchange(bed.frontDoor.httpPort(), head, body, 5000);
            logged = logs.lines();
        }

        // then
        assertThat(received.status()).isEqualTo(413);
        assertThat(received.millis()).as("time to 413 (ms): before the request deadline").isLessThan(SMALL.requestDeadline().toMillis());
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("10485760 byte body"));
        assertThat(logged).allSatisfy(line -> assertThat(line).hasSizeLessThan(300).doesNotContain("aaaaaaaa"));
    }

    @Test
    void should_reject_a_timestamp_six_minutes_in_the_future() {
        // given
        String event = SlackHttpFrontDoorTest.mention("Ev" + UUID.randomUUID(), "1764250000.000901", "status of feature-x");

        // when
        HttpResponse<String> future = bed.requests.signedAt(Instant.now().plus(Duration.ofMinutes(6)), event);
        HttpResponse<String> now = bed.requests.event(event);

        // then only the one signed now is answered
        assertThat(future.statusCode()).isEqualTo(401);
        assertThat(now.statusCode()).isEqualTo(200);
        assertThat(bed.slack.awaitCalls("chat.postMessage", 1, WAIT)).hasSize(1);
    }

    @Test
    void should_give_one_confirmation_prompt_for_a_signed_slash_command_replayed_three_times() {
        // given one signed request: the same body under the same timestamp and signature
        Instant signedAt = Instant.now();
        String kill = slash(SlackTestBed.ADMIN, "kill w9");

        // when
        List<Integer> statuses;
        List<String> logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            statuses = List.of(bed.requests.commandAt(signedAt, kill).statusCode(),
                    bed.requests.commandAt(signedAt, kill).statusCode(), bed.requests.commandAt(signedAt, kill).statusCode());
            logged = logs.lines();
        }
        bed.requests.command(slash(SlackTestBed.ADMIN, "status feature-x"));

        // then the replays were acknowledged and dropped before anything was queued; the one prompt and the status
        // answer are the only posts
        assertThat(statuses).containsOnly(200);
        assertThat(logged).filteredOn(line -> line.contains("slash command replayed")).hasSize(2);
        List<Map<String, String>> posts = bed.slack.awaitCalls("chat.postMessage", 2, WAIT);
        assertThat(posts).filteredOn(p -> p.get("blocks").contains(BlockKitRenderer.CONFIRM_ACTION)).hasSize(1)
                .allSatisfy(p -> assertThat(p.get("blocks")).contains("kill w9"));
    }

    @Test
    void should_log_nothing_of_a_forged_body_but_its_size_and_a_hash() {
        // given a body made to look like log lines, with a NUL and a planted marker
        String forged = "{\"token\":\"x\"}\n2026-12-07 00:00:00,000 ERROR [main] dev.czar.Czar - FORGED-MARKER admin granted\u0000";

        // when
        List<String> logged;
        HttpResponse<String> response;
        try (CapturedLogs logs = new CapturedLogs()) {
            response = bed.requests.signedWith("some-other-secret", forged);
            logged = logs.lines();
        }

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("refused (bad signature)").contains("sha256"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains("FORGED-MARKER"));
    }

    private static String slash(String user, String text) {
        return SlackFixtures.slashCommand(user, text);
    }
}
