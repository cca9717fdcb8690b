package dev.czar.slack;

import dev.czar.config.SlackConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.SlackFixtures;
import dev.czar.testsupport.SocketModeStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Socket Mode: czar opens the WebSocket itself, acknowledges each envelope and answers in the thread. */
class SlackSocketModeTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void should_acknowledge_a_mention_envelope_and_answer_in_its_thread(@TempDir Path dir) throws Exception {
        // given
        AtomicReference<SocketModeStub> socket = new AtomicReference<>();
        try (SlackTestBed bed = new SlackTestBed(dir, new SlackConfig(null),
                Database.open("jdbc:h2:mem:socket-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                SlackFrontDoor.Transport.socketMode(),
                new SlackTokens(SlackApiStub.BOT_TOKEN, SocketModeStub.APP_TOKEN, null),
                stub -> socket.set(start(stub)))) {
            try (SocketModeStub slack = socket.get()) {
                slack.awaitConnection(WAIT);

                // when
                String envelope = slack.deliver("events_api", SlackFixtures.fill("payloads/app_mention.json", Map.of(
                        "user", SlackTestBed.VIEWER, "text", "status of feature-x", "ts", "1764250000.000600",
                        "event_id", "EvSOCKET0001")));

                // then
                Map<String, String> post = bed.slack.awaitCalls("chat.postMessage", 1, WAIT).get(0);
                assertThat(post).containsEntry("thread_ts", "1764250000.000600");
                assertThat(post.get("text")).contains("feature-x");
                SlackApiStub.await(() -> slack.acknowledgedEnvelopes().contains(envelope), WAIT, "envelope ack");
                assertThat(bed.slack.calls("apps.connections.open")).first()
                        .satisfies(call -> assertThat(call.get("authorization")).isEqualTo("Bearer " + SocketModeStub.APP_TOKEN));
            }
        }
    }

    private static SocketModeStub start(SlackApiStub slack) {
        try {
            return new SocketModeStub(slack);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
