package dev.czar.workers;

import dev.czar.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.UUID;

import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

class WorkstreamStoreTest {
    private final Database db = Database.open("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
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
    void should_let_only_one_of_two_concurrent_starters_move_a_workstream_to_running() {
        create("once", "task");

        boolean first = store.transition("once", QUEUED, RUNNING, "supervisor A", "start", WorkstreamStore.set("owner", "A"));
        boolean second = store.transition("once", QUEUED, RUNNING, "supervisor B", "start", WorkstreamStore.set("owner", "B"));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store.find("once").orElseThrow().owner()).isEqualTo("A");
        assertThat(store.events("once", 10)).extracting(WorkstreamEvent::actor).containsExactly("U1", "supervisor A");
    }

    @Test
    void should_record_who_moved_a_workstream_and_why() {
        create("hist", "task");
        store.transition("hist", QUEUED, RUNNING, "supervisor A", "attempt 1 started");

        assertThat(store.events("hist", 10)).extracting(e -> e.from() + "->" + e.to() + " by " + e.actor() + ": " + e.reason())
                .containsExactly("null->QUEUED by U1: launched", "QUEUED->RUNNING by supervisor A: attempt 1 started");
    }
}
