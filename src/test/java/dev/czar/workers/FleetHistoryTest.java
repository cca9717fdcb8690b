package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

/** What other features read about the fleet (digests, alerts, the dashboard, webhooks), on a real store. */
class FleetHistoryTest {
    private final Database db = MemoryDatabase.open();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
    private final WorkstreamStore store = new WorkstreamStore(db, clock);
    private final FleetHistory history = new FleetHistory(store);

    @AfterEach
    void close() {
        db.close();
    }

    private void launch(String name) {
        store.create(new WorkstreamStore.NewWorkstream(name, "task of " + name, 0, null, "U1", "C1", null), QUEUED, "launched");
    }

    @Test
    void should_follow_the_fleet_from_the_newest_event_id() {
        // given
        launch("left");
        launch("right");
        long newest = history.lastEventId();

        // when
        clock.advance(Duration.ofMinutes(1));
        store.transition("right", QUEUED, RUNNING, "supervisor A", "attempt 1 started");

        // then only what happened since is read, and a workstream's own history has both of its events
        assertThat(history.eventsAfter(newest)).extracting(e -> e.workstream() + " " + e.from() + "->" + e.to())
                .containsExactly("right QUEUED->RUNNING");
        assertThat(history.events("right", 10)).extracting(WorkstreamEvent::reason)
                .containsExactly("launched", "attempt 1 started");
    }

    @Test
    void should_give_the_items_of_the_latest_gate_run_only() {
        // given two runs a minute apart
        launch("gated");
        store.gates().save("gated", "aaa111", List.of(GateItem.fail("commits", "no commits")));
        clock.advance(Duration.ofMinutes(1));
        store.gates().save("gated", "bbb222", List.of(GateItem.pass("commits", "1 commit"),
                new GateItem("merged", GateItem.Status.WAIT, "not merged yet")));

        // when
        List<GateItem> latest = history.latestGate("gated");

        // then
        assertThat(latest).extracting(GateItem::line).containsExactly("PASS commits: 1 commit", "WAIT merged: not merged yet");
        assertThat(store.gates().latestHead("gated")).contains("bbb222");
        assertThat(history.latestGate("never-gated")).isEmpty();
    }

    @Test
    void should_name_the_workstream_working_on_a_branch() {
        launch("fix-login");
        launch("add-cache");

        assertThat(history.onBranch(Workstream.branchFor("add-cache"))).map(Workstream::name).contains("add-cache");
        assertThat(history.onBranch("main")).isEmpty();
    }
}
