package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

class WorkstreamStoreTest {
    private final Database db = MemoryDatabase.open();
    private final WorkstreamStore store = new WorkstreamStore(db, Clock.systemUTC());

    @AfterEach
    void close() {
        db.close();
    }

    private WorkstreamStore.Created create(String name, String task) {
        return store.create(new WorkstreamStore.NewWorkstream(name, task, 0, null, "U1", "C1", "T1"), QUEUED, "launched");
    }

    @Test
    void should_keep_the_first_launch_when_the_same_name_is_launched_again() {
        create("dup", "first task");

        WorkstreamStore.Created again = create("dup", "second task");

        assertThat(again.created()).isFalse();
        assertThat(again.workstream().task()).isEqualTo("first task");
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void should_let_only_one_of_two_concurrent_starters_move_a_workstream_to_running() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) { // each round a fresh race; one lost update would show
                // given
                String name = "once-" + round;
                create(name, "task");
                CyclicBarrier together = new CyclicBarrier(2);

                // when two supervisors start it at the same moment
                Future<Boolean> a = starters.submit(() -> start(name, "A", together));
                Future<Boolean> b = starters.submit(() -> start(name, "B", together));

                // then exactly one wins, and the row and its history name that one
                boolean aWon = a.get(10, TimeUnit.SECONDS);
                boolean bWon = b.get(10, TimeUnit.SECONDS);
                assertThat(aWon ^ bWon).as("exactly one starter wins round " + round).isTrue();
                String winner = aWon ? "A" : "B";
                assertThat(store.find(name).orElseThrow().owner()).isEqualTo(winner);
                assertThat(store.log().of(name, 10)).extracting(WorkstreamEvent::actor)
                        .containsExactly("U1", "supervisor " + winner);
            }
        } finally {
            starters.shutdownNow();
        }
    }

    private boolean start(String name, String owner, CyclicBarrier together) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        return store.transition(name, QUEUED, RUNNING, "supervisor " + owner, "start", WorkstreamStore.set("owner", owner));
    }

    @Test
    void should_record_who_moved_a_workstream_and_why() {
        create("hist", "task");
        store.transition("hist", QUEUED, RUNNING, "supervisor A", "attempt 1 started");

        assertThat(store.log().of("hist", 10)).extracting(e -> e.from() + "->" + e.to() + " by " + e.actor() + ": " + e.reason())
                .containsExactly("null->QUEUED by U1: launched", "QUEUED->RUNNING by supervisor A: attempt 1 started");
    }

    @Test
    void should_refuse_a_move_that_is_not_in_the_transition_table_and_change_nothing() {
        create("done", "task");
        store.transition("done", QUEUED, RUNNING, "supervisor A", "start");
        store.transition("done", RUNNING, WorkstreamState.VERIFYING, "supervisor A", "claims done");
        store.transition("done", WorkstreamState.VERIFYING, WorkstreamState.DONE, "gate", "met");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.transition("done", WorkstreamState.DONE, RUNNING, "x", "again"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("not an allowed workstream transition: DONE -> RUNNING");
        assertThat(store.find("done").orElseThrow().state()).isEqualTo(WorkstreamState.DONE);
        assertThat(WorkstreamTransitions.allowed(QUEUED, WorkstreamState.DONE)).isFalse();
        assertThat(WorkstreamTransitions.allowed(WorkstreamState.FAILED, QUEUED)).isTrue();
    }

    @Test
    void should_know_the_newest_event_when_a_home_has_more_than_one_page_of_them() {
        // given more events than one page of eventsAfter
        create("busy", "task");
        for (int i = 0; i < 620; i++) {
            store.note("busy", "supervisor A", "note " + i);
        }

        // when
        long newest = store.log().lastId();

        // then a follower starting there sees nothing old, and the first page alone would have stopped short
        assertThat(store.log().after(newest)).isEmpty();
        assertThat(store.log().after(0)).hasSize(500).allSatisfy(e -> assertThat(e.id()).isLessThan(newest));
        assertThat(store.log().of("busy", 1).get(0).id()).isEqualTo(newest);
    }

    @Test
    void should_keep_the_current_alerts_when_storing_the_new_ones_fails() {
        // given
        java.time.Instant at = java.time.Instant.parse("2026-12-07T01:00:00Z");
        store.alerts().replace(java.util.List.of(new WorkerAlert("conflict", "a", "b", "both edit Login.java", at)));

        // when an insert fails half way (a kind longer than its column)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.alerts().replace(java.util.List.of(
                new WorkerAlert("duplicate", "c", "d", "alike", at),
                new WorkerAlert("a-kind-much-too-long-for-its-column", "e", "f", "x", at))))
                .isInstanceOf(dev.czar.store.StoreException.class);

        // then the DELETE was rolled back with it
        assertThat(store.alerts().current()).extracting(WorkerAlert::detail).containsExactly("both edit Login.java");
    }
}
