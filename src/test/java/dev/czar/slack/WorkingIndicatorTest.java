package dev.czar.slack;

import com.slack.api.Slack;
import dev.czar.config.SlackConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.SlackApiStub;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingIndicatorTest {
    @Test
    void should_react_on_a_slow_answer_and_take_the_reaction_off_when_done_but_leave_fast_answers_alone() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (SlackApiStub slack = new SlackApiStub();
             Database db = Database.open("jdbc:h2:mem:working-" + UUID.randomUUID())) {
            Slack sdk = Slack.getInstance(SlackFrontDoor.sdkConfig(new SlackConfig(slack.apiUrl())));
            SlackPoster poster = new SlackPoster(sdk.methods(SlackApiStub.BOT_TOKEN), new SlackOutbox(db, Clock.systemUTC()), 1, 0);
            WorkingIndicator indicator = new WorkingIndicator(poster, timers, 100);
            // a second threshold for the fast answer: long enough that starting and closing it never takes longer on
            // a loaded machine, short enough that a timer closing failed to cancel fires while this test still looks
            WorkingIndicator fastIndicator = new WorkingIndicator(poster, timers, 1000);
            long fastStarted = System.nanoTime();

            // when a fast answer is done before the threshold
            fastIndicator.start("C0CHANNEL1", "1764250000.000001").close();
            // and a slow one takes longer
            try (WorkingIndicator.Handle slow = indicator.start("C0CHANNEL1", "1764250000.000002")) {
                slack.awaitCalls("reactions.add", 1, Duration.ofSeconds(5));
            }

            // then
            slack.awaitCalls("reactions.remove", 1, Duration.ofSeconds(5));
            Thread.sleep(Math.max(0, 1500 - (System.nanoTime() - fastStarted) / 1_000_000)); // past the fast one's threshold
            assertThat(slack.calls("reactions.add")).singleElement().satisfies(call -> assertThat(call)
                    .containsEntry("timestamp", "1764250000.000002").containsEntry("name", WorkingIndicator.EMOJI));
            assertThat(slack.calls("reactions.remove")).extracting(m -> m.get("timestamp"))
                    .containsExactly("1764250000.000002");
            assertThat(slack.calls("reactions.add")).noneMatch(m -> "1764250000.000001".equals(m.get("timestamp")));
        } finally {
            timers.shutdownNow();
        }
    }
}
