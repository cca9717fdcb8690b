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
        // given a worker started by a supervisor that then dies like kill -9 (no clean-up, lease left behind)
        fleet = new Fleet(tmp, Map.of("stuck-after", "60s"));
        fleet.launch("orphan", "Implement the orphan\nagent-mode: hang\n");
        Workstream before = fleet.await("orphan", RUNNING);
        fleet.workers.supervisor().abandon();
        ProcessHandle orphan = ProcessHandle.of(before.pid()).orElseThrow();
        assertThat(orphan.isAlive()).isTrue();

        // when a new czar process starts supervising the same home
        Workers second = fleet.open(Fleet.config(Map.of("stuck-after", "60s")));
        assertThat(second.supervisor().tick()).as("the dead supervisor's lease is still fresh").isFalse();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!second.supervisor().tick() && System.nanoTime() < deadline) {
            Fleet.sleep(100);
        }

        // then
        Workstream after = second.find("orphan").orElseThrow();
        assertThat(orphan.isAlive()).isFalse();
        assertThat(fleet.history("orphan")).containsExactly(QUEUED, RUNNING, LOST, QUEUED, RUNNING);
        assertThat(after.lostRequeues()).isEqualTo(1);
        assertThat(after.pid()).isNotEqualTo(before.pid());
        assertThat(second.supervisor().runningHere()).containsExactly("orphan");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.pid() == before.pid() || p.pid() == after.pid())
                .filter(ProcessHandle::isAlive).count()).isEqualTo(1);
    }

    @Test
    void should_not_let_a_second_supervisor_act_while_the_first_one_is_alive() {
        fleet = new Fleet(tmp, Map.of());
        assertThat(fleet.workers.supervisor().tick()).isTrue();

        Workers second = fleet.open(Fleet.config(Map.of()));

        assertThat(second.supervisor().tick()).isFalse();
        assertThat(fleet.workers.store().leaseHolder()).contains(fleet.workers.supervisor().id());
    }

    @Test
    void should_end_worker_process_groups_and_requeue_on_shutdown() {
        fleet = new Fleet(tmp, Map.of("stuck-after", "60s"));
        fleet.launch("sleeper", "Implement sleeping\nagent-mode: hang\n");
        Workstream running = fleet.await("sleeper", w -> w.state() == RUNNING && w.pid() != null
                && ProcessHandle.of(w.pid()).map(p -> p.descendants().findAny().isPresent()).orElse(false),
                Duration.ofSeconds(20), "running with a child process");
        ProcessHandle leader = ProcessHandle.of(running.pid()).orElseThrow();
        java.util.List<ProcessHandle> children = leader.descendants().toList();
        assertThat(children).isNotEmpty();

        fleet.workers.supervisor().close();

        assertThat(leader.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(fleet.workers.find("sleeper").orElseThrow().state()).isEqualTo(QUEUED);
    }
}
