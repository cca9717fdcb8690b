package dev.czar.workers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.LOST;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTest {
    @TempDir
    Path tmp;
    Fleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void should_mark_workers_of_a_dead_supervisor_lost_end_their_process_and_requeue_them_once() {
        // given a worker started by a supervisor that then dies like kill -9 (no clean-up, lease left behind);
        // the lease is stale after five poll intervals: 10s here, so "still fresh" holds on a loaded machine too
        Map<String, Object> settings = Map.of("stuck-after", "60s", "poll-interval", "2s");
        fleet = new Fleet(tmp, settings);
        fleet.launch("orphan", "Implement the orphan\nagent-mode: hang\n");
        Workstream before = fleet.await("orphan", RUNNING);
        fleet.workers.supervisor().abandon();
        ProcessHandle orphan = ProcessHandle.of(before.pid()).orElseThrow();
        assertThat(orphan.isAlive()).isTrue();

        // when a new czar process starts supervising the same home
        Workers second = fleet.open(Fleet.config(settings));
        assertThat(second.supervisor().tick()).as("the dead supervisor's lease is still fresh").isFalse();
        long deadline = System.nanoTime() + Fleet.PATIENCE.toNanos();
        while (!second.supervisor().tick() && System.nanoTime() < deadline) {
            Fleet.sleep(100);
        }

        // then
        Workstream after = second.find("orphan").orElseThrow();
        assertThat(ProcessGroups.running(orphan)).isFalse();
        assertThat(fleet.history("orphan")).containsExactly(QUEUED, RUNNING, LOST, QUEUED, RUNNING);
        assertThat(after.lostRequeues()).isEqualTo(1);
        assertThat(after.pid()).isNotEqualTo(before.pid());
        assertThat(second.supervisor().runningHere()).containsExactly("orphan");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.pid() == before.pid() || p.pid() == after.pid())
                .filter(ProcessHandle::isAlive).count()).isEqualTo(1);
    }

    @Test
    void should_end_a_worker_whose_pid_was_never_recorded_by_finding_it_in_its_working_copy() {
        // given a supervisor that died after starting a worker but before recording its pid
        fleet = new Fleet(tmp, Map.of("stuck-after", "60s"));
        fleet.launch("unrecorded", "Implement it\nagent-mode: hang\n");
        Workstream before = fleet.await("unrecorded", RUNNING);
        ProcessHandle orphan = ProcessHandle.of(before.pid()).orElseThrow();
        fleet.workers.supervisor().abandon();
        fleet.workers.store().setFacts("unrecorded", WorkstreamStore.set("pid", null, "pid_started_at", null));

        // when
        Workers second = fleet.open(Fleet.config(Map.of("stuck-after", "60s")));
        long deadline = System.nanoTime() + Fleet.PATIENCE.toNanos();
        while (!second.supervisor().tick() && System.nanoTime() < deadline) {
            Fleet.sleep(100);
        }

        // then
        assertThat(ProcessGroups.running(orphan)).isFalse();
        assertThat(second.history().events("unrecorded", 20)).anyMatch(e -> e.to() == LOST
                && e.reason().contains("left-over processes [" + orphan.pid()) && e.reason().contains("in its working copy were ended"));
        assertThat(second.supervisor().runningHere()).containsExactly("unrecorded");
    }

    @Test
    void should_not_let_a_second_supervisor_act_while_the_first_one_is_alive() {
        // the lease is stale after five poll intervals: 10s here, so the first's lease is fresh on a loaded machine too
        Map<String, Object> settings = Map.of("poll-interval", "2s");
        fleet = new Fleet(tmp, settings);
        assertThat(fleet.workers.supervisor().tick()).isTrue();

        Workers second = fleet.open(Fleet.config(settings));

        assertThat(second.supervisor().tick()).isFalse();
        assertThat(fleet.workers.store().lease().holder()).contains(fleet.workers.supervisor().id());
    }

    @Test
    void should_end_worker_process_groups_and_requeue_on_shutdown() {
        fleet = new Fleet(tmp, Map.of("stuck-after", "60s"));
        fleet.launch("sleeper", "Implement sleeping\nagent-mode: hang\n");
        // the agent's long-lived child is its 'sleep 3600'; short-lived ones (git, cat) come and go before it
        Workstream running = fleet.await("sleeper", w -> w.state() == RUNNING && w.pid() != null
                && ProcessHandle.of(w.pid()).map(p -> p.descendants().anyMatch(RecoveryTest::isSleep)).orElse(false),
                Fleet.PATIENCE, "running with its sleeping child process");
        ProcessHandle leader = ProcessHandle.of(running.pid()).orElseThrow();
        java.util.List<ProcessHandle> children = leader.descendants().toList();
        assertThat(children).isNotEmpty();

        fleet.workers.supervisor().close();

        assertThat(ProcessGroups.running(leader)).isFalse();
        assertThat(children).noneMatch(ProcessGroups::running);
        assertThat(fleet.workers.find("sleeper").orElseThrow().state()).isEqualTo(QUEUED);
    }

    @Test
    void should_not_start_workers_from_a_tick_that_waited_for_the_lock_while_the_supervisor_closed() throws Exception {
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("late", "Implement late\nagent-mode: hang\n");
        Supervisor supervisor = fleet.workers.supervisor();
        boolean[] ticked = {true};
        Thread pendingTick = new Thread(() -> ticked[0] = supervisor.tick());

        synchronized (supervisor) { // the loop's tick is queued on the lock while close() runs, as at SIGTERM
            pendingTick.start();
            while (pendingTick.getState() != Thread.State.BLOCKED) {
                Thread.onSpinWait();
            }
            supervisor.close();
        }
        pendingTick.join(Fleet.PATIENCE.toMillis());

        assertThat(ticked[0]).isFalse();
        Workstream late = fleet.workers.find("late").orElseThrow();
        assertThat(late.state()).isEqualTo(QUEUED);
        assertThat(late.pid()).isNull();
    }

    private static boolean isSleep(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/sleep")).orElse(false);
    }
}
