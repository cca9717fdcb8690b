package dev.czar.digest;

import dev.czar.chat.Answer;
import dev.czar.chat.ChatGateway;
import dev.czar.chat.Message;
import dev.czar.config.DigestConfig;
import dev.czar.testsupport.RecordingGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 23, item 2: every czar replica on one store runs a digest scheduler; each due slot is posted once, by
 * whichever replica claims it first. Runs on H2 and, in the {@code postgresql-store} run, on PostgreSQL.
 */
class ReplicatedDigestTest {
    private static final List<DigestSchedule> HOURLY = List.of(DigestSchedule.parse(
            new DigestConfig.Schedule("0 * * * *", "UTC", "#czar-ops", false), 0));
    private static final int SLOTS = 12;

    @TempDir
    Path tmp;

    @Test
    void should_post_each_due_slot_once_when_two_replicas_check_at_the_same_moment() throws Exception {
        // given two replicas' schedulers on one store (each with its own marks, as two processes would have)
        try (DigestFixture fx = new DigestFixture(tmp)) {
            RecordingGateway first = new RecordingGateway();
            RecordingGateway second = new RecordingGateway();
            DigestScheduler one = new DigestScheduler(HOURLY, fx.digests(), fx.bench, first, fx.clock);
            DigestScheduler two = new DigestScheduler(HOURLY, fx.digests(), fx.bench, second, fx.clock);
            fx.clock.set(Instant.parse("2026-11-02T09:00:30Z"));
            one.tick(); // the schedule's first sight: remembers 09:00, posts nothing

            // when twelve hourly slots come due and both replicas check each one at the same moment
            CyclicBarrier together = new CyclicBarrier(2);
            for (int slot = 1; slot <= SLOTS; slot++) {
                fx.clock.advance(Duration.ofHours(1));
                CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> tickTogether(one, together));
                CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> tickTogether(two, together));
                assertThat(a.get() + b.get()).as("digests posted for slot %d", slot).isEqualTo(1);
            }

            // then the channel got one digest per slot, from one replica or the other
            assertThat(first.posts().size() + second.posts().size()).isEqualTo(SLOTS);
        }
    }

    @Test
    void should_let_the_other_replica_post_a_slot_whose_digest_failed() {
        // given a replica whose post fails (Slack unreachable from its host) and a healthy one
        try (DigestFixture fx = new DigestFixture(tmp)) {
            RecordingGateway healthy = new RecordingGateway();
            DigestScheduler failing = new DigestScheduler(HOURLY, fx.digests(), fx.bench, unreachable(), fx.clock);
            DigestScheduler other = new DigestScheduler(HOURLY, fx.digests(), fx.bench, healthy, fx.clock);
            fx.clock.set(Instant.parse("2026-11-02T09:00:30Z"));
            other.tick();
            fx.clock.advance(Duration.ofHours(1));

            // when the failing replica claims the slot first, then the healthy one checks
            assertThatThrownBy(failing::tick).hasMessageContaining("unreachable");
            int posted = other.tick();

            // then the slot was given back and posted once by the healthy replica
            assertThat(posted).isEqualTo(1);
            assertThat(healthy.posts()).hasSize(1);
            assertThat(other.tick()).isZero();
        }
    }

    private static int tickTogether(DigestScheduler scheduler, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return scheduler.tick();
    }

    private static ChatGateway unreachable() {
        return new ChatGateway() {
            @Override
            public void reply(Message question, Answer answer) {
                throw new IllegalStateException("Slack unreachable");
            }

            @Override
            public boolean update(String channel, String messageTs, String text) {
                throw new IllegalStateException("Slack unreachable");
            }

            @Override
            public Optional<String> post(String channel, String threadTs, String text) {
                throw new IllegalStateException("Slack unreachable");
            }

            @Override
            public boolean upload(String channel, String threadTs, String filename, byte[] data, String title) {
                throw new IllegalStateException("Slack unreachable");
            }
        };
    }
}
