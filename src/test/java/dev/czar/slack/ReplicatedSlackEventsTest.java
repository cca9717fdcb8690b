package dev.czar.slack;

import dev.czar.config.SlackConfig;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.SlackApiStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23, item 2: two czar front doors (replicas) on one store. Slack delivers each event once, but its retry may
 * land on the other replica behind a load balancer: the shared event ledger lets exactly one of them answer. Runs on
 * H2 (two pools on one home) and, in the {@code postgresql-store} run, on one PostgreSQL database.
 */
class ReplicatedSlackEventsTest {
    private static final int EVENTS = 6;

    @Test
    void should_answer_every_event_of_a_burst_once_when_each_is_delivered_to_both_replicas(@TempDir Path dir) throws Exception {
        // given two replicas sharing one store
        try (SlackTestBed first = new SlackTestBed(dir.resolve("first"), new SlackConfig(null), MemoryDatabase.openHome(dir));
             SlackTestBed second = new SlackTestBed(dir.resolve("second"), new SlackConfig(null), MemoryDatabase.openHome(dir))) {

            // when a burst of events reaches both at once (the first delivery and Slack's retry on the other)
            List<CompletableFuture<Integer>> deliveries = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String event = SlackHttpFrontDoorTest.mention("EvREPLICA" + i, "1764250000.00" + (1000 + i), "status of feature-x");
                deliveries.add(CompletableFuture.supplyAsync(() -> first.requests.event(event).statusCode()));
                deliveries.add(CompletableFuture.supplyAsync(() -> second.requests.redelivery(event, 1).statusCode()));
            }

            // then every delivery is acknowledged, and each event is answered by exactly one replica
            assertThat(deliveries).allSatisfy(d -> assertThat(d.get()).isEqualTo(200));
            SlackApiStub.await(() -> answers(first, second) >= EVENTS, Duration.ofSeconds(30), EVENTS + " answers");
            Thread.sleep(500); // a second answer would be posted within this; none may come
            assertThat(answers(first, second)).isEqualTo(EVENTS);
        }
    }

    private static int answers(SlackTestBed first, SlackTestBed second) {
        return first.slack.calls("chat.postMessage").size() + second.slack.calls("chat.postMessage").size();
    }
}
