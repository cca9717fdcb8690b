package dev.czar.slack;

import dev.czar.config.SlackConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.MutableClock;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What has to survive a restart, and what has to run out with time. */
class SlackRestartAndExpiryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void should_not_answer_a_redelivered_event_after_a_restart(@TempDir Path dir) throws InterruptedException {
        // given czar answered the event, then stopped
        String event = SlackHttpFrontDoorTest.mention("EvRESTART0001", "1764250000.000500", "status of feature-x");
        try (SlackTestBed before = new SlackTestBed(dir.resolve("before"), new SlackConfig(null), MemoryDatabase.openHome(dir))) {
            before.requests.event(event);
            before.slack.awaitCalls("chat.postMessage", 1, WAIT);
        }

        // when Slack redelivers it to the restarted czar
        try (SlackTestBed after = new SlackTestBed(dir.resolve("after"), new SlackConfig(null), MemoryDatabase.openHome(dir))) {
            int status = after.requests.redelivery(event, 1).statusCode();

            // then
            assertThat(status).isEqualTo(200);
            assertThat(after.frontDoor.tally().await(DeliveryTally.Ending.REPEATED, 1, WAIT)).as("redelivery seen").isTrue();
            assertThat(after.slack.calls("chat.postMessage")).isEmpty();
        }
    }

    @Test
    void should_answer_once_after_a_restart_a_question_taken_in_but_never_answered(@TempDir Path dir) throws InterruptedException {
        // given czar acknowledged an event and was killed before its answer was posted (Slack will not redeliver it)
        try (Database db = MemoryDatabase.openHome(dir)) {
            SlackTurn turn = new SlackTurn(new dev.czar.chat.Message("status of feature-x", "U0ALICE", "C0CHAN",
                    "1764250000.000900", java.time.Instant.now()), "C0CHAN", "1764250000.000900", "1764250000.000900");
            assertThat(new EventLedger(db, java.time.Clock.systemUTC(), "czar-killed-before-it-answered").firstDelivery("EvCUTOFF0001", turn)).isTrue();
        }

        // when czar starts again, twice
        try (SlackTestBed after = new SlackTestBed(dir.resolve("after"), new SlackConfig(null), MemoryDatabase.openHome(dir))) {
            var posts = after.slack.awaitCalls("chat.postMessage", 1, WAIT);

            // then the question is answered in its thread
            assertThat(posts.get(0).get("thread_ts")).isEqualTo("1764250000.000900");
            assertThat(posts.get(0).get("text")).contains("feature-x");
        }
        try (SlackTestBed again = new SlackTestBed(dir.resolve("again"), new SlackConfig(null), MemoryDatabase.openHome(dir))) {
            assertThat(again.frontDoor.resumedAtStart()).as("questions queued again at start").isZero();
            assertThat(again.slack.calls("chat.postMessage")).isEmpty();
        }
    }

    @Test
    void should_not_run_a_kill_confirmed_after_its_prompt_expired(@TempDir Path dir) throws InterruptedException {
        // given
        SlackConfig shortLived = new SlackConfig(null, null, null, null, 1, null, null, List.of());
        MutableClock clock = new MutableClock(Instant.now());
        try (SlackTestBed bed = new SlackTestBed(dir, shortLived, Database.open("jdbc:h2:mem:slack-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1"), clock)) {
            bed.requests.command(slashKill());
            String blocks = bed.slack.awaitCalls("chat.postMessage", 1, WAIT).get(0).get("blocks");
            String id = blocks.replaceAll("(?s).*\"value\":\"([0-9a-f-]{36})\".*", "$1");

            // when
            clock.advance(Duration.ofSeconds(2)); // past the 1 s time-to-live
            bed.requests.interaction(dev.czar.testsupport.SlackFixtures.fill("payloads/block_actions.json", Map.of(
                    "user", SlackTestBed.ADMIN, "action_id", BlockKitRenderer.CONFIRM_ACTION, "value", id)));

            // then
            assertThat(bed.slack.awaitCalls("chat.update", 1, WAIT).get(0).get("blocks")).contains("expired");
            assertThat(bed.killed).isEmpty();
            assertThat(bed.audit.recent(1)).first().satisfies(e -> assertThat(e.outcome()).isEqualTo("expired"));
        }
    }

    private static String slashKill() {
        return dev.czar.testsupport.SlackFixtures.fill("payloads/slash_command.txt",
                Map.of("user", SlackTestBed.ADMIN, "text", "kill+w9"));
    }
}
