package dev.czar.slack;

import dev.czar.chat.Message;
import dev.czar.config.SlackConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.SlackApiStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23, item 2: a replica that acknowledged questions and then stopped (SIGKILL, lost host) leaves them in the
 * shared ledger; another replica answers each once after {@code slack.reclaim-after-seconds}, never while the first
 * still heartbeats, and a replica whose question was taken over drops its own late answer. Runs on H2 and, in the
 * {@code postgresql-store} run, on PostgreSQL.
 */
class ReplicaReclaimTest {
    /** The shortest setting allowed: the replicas beat every second. */
    private static final SlackConfig RECLAIM_AFTER_3_S = new SlackConfig(null, null, null, null, null, null, null, List.of(),
            null, 3);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void should_answer_once_across_two_replicas_the_questions_a_stopped_replica_acknowledged(@TempDir Path dir)
            throws Exception {
        // given a replica that beat once, acknowledged three questions and stopped before answering them
        try (Database db = MemoryDatabase.openHome(dir)) {
            EventLedger stopped = new EventLedger(db, Clock.systemUTC(), "replica-killed");
            stopped.heartbeat();
            for (int i = 0; i < 3; i++) {
                assertThat(stopped.firstDelivery("EvORPHAN" + i, turn("1764260000.00010" + i))).isTrue();
            }

            // when two live replicas run on the same store
            try (SlackTestBed first = new SlackTestBed(dir.resolve("first"), RECLAIM_AFTER_3_S, MemoryDatabase.openHome(dir));
                 SlackTestBed second = new SlackTestBed(dir.resolve("second"), RECLAIM_AFTER_3_S, MemoryDatabase.openHome(dir))) {
                SlackApiStub.await(() -> posts(first, second).size() >= 3, WAIT, "three answers");
                Thread.sleep(2500); // two more beats of each replica: a second answer would come within them

                // then each question is answered exactly once, after the stopped replica's heartbeat went stale
                assertThat(posts(first, second).stream().collect(Collectors.groupingBy(p -> p.get("thread_ts"), Collectors.counting())))
                        .containsOnly(Map.entry("1764260000.000100", 1L), Map.entry("1764260000.000101", 1L),
                                Map.entry("1764260000.000102", 1L));
                assertThat(stopped.commitAnswer("EvORPHAN0")).as("the stopped replica's late answer is refused").isFalse();
            }
        }
    }

    @Test
    void should_not_take_over_the_question_of_a_replica_that_still_heartbeats(@TempDir Path dir) throws Exception {
        // given a replica answering slowly (a long model call) that keeps beating
        try (Database db = MemoryDatabase.openHome(dir)) {
            EventLedger slow = new EventLedger(db, Clock.systemUTC(), "replica-slow");
            slow.heartbeat();
            assertThat(slow.firstDelivery("EvSLOW0001", turn("1764260000.000200"))).isTrue();
            // it beats on its own thread, like a replica, also while the other one starts (a cold start can take seconds)
            ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
            beats.scheduleAtFixedRate(slow::heartbeat, 300, 300, TimeUnit.MILLISECONDS);

            // when another replica runs past twice the reclaim time while the slow one beats
            try (SlackTestBed other = new SlackTestBed(dir.resolve("other"), RECLAIM_AFTER_3_S, MemoryDatabase.openHome(dir))) {
                Thread.sleep(6000);

                // then the other replica left it alone, and the slow replica may still post its answer
                assertThat(other.slack.calls("chat.postMessage")).isEmpty();
                assertThat(slow.commitAnswer("EvSLOW0001")).isTrue();
                assertThat(slow.commitAnswer("EvSLOW0001")).as("an answer is committed once").isFalse();
            } finally {
                beats.shutdownNow();
            }
        }
    }

    @Test
    void should_let_exactly_one_of_many_replicas_claim_an_orphaned_question() throws Exception {
        // given a question acknowledged by a replica that never beat
        try (Database db = MemoryDatabase.open()) {
            EventLedger gone = new EventLedger(db, Clock.systemUTC(), "replica-gone");
            gone.firstDelivery("EvRACE0001", turn("1764260000.000300"));
            List<EventLedger> replicas = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replicas.add(new EventLedger(db, Clock.systemUTC(), "replica-" + i));
            }

            // when eight replicas find it orphaned and claim it at once
            List<EventLedger.Orphan> seen = replicas.stream()
                    .map(r -> r.orphaned(Duration.ofHours(1), Duration.ofSeconds(3))).map(l -> l.get(0)).toList();
            List<Boolean> claimed = all(replicas.size(), i -> () -> replicas.get(i).claim(seen.get(i)));

            // then one wins; only the winner may post, once
            assertThat(claimed).containsOnlyOnce(true);
            EventLedger winner = replicas.get(claimed.indexOf(true));
            assertThat(all(replicas.size(), i -> () -> replicas.get(i).commitAnswer("EvRACE0001"))).containsOnlyOnce(true);
            assertThat(winner.orphaned(Duration.ofHours(1), Duration.ofSeconds(3))).as("answered: nobody's orphan").isEmpty();
            assertThat(gone.commitAnswer("EvRACE0001")).isFalse();
        }
    }

    private static <T> List<T> all(int n, Function<Integer, Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task.apply(i)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static SlackTurn turn(String ts) {
        return new SlackTurn(new Message("status of feature-x", SlackTestBed.VIEWER, "C0CHAN", ts, Instant.now()), "C0CHAN",
                ts, ts);
    }

    private static List<Map<String, String>> posts(SlackTestBed first, SlackTestBed second) {
        List<Map<String, String>> all = new ArrayList<>(first.slack.calls("chat.postMessage"));
        all.addAll(second.slack.calls("chat.postMessage"));
        return all;
    }
}
