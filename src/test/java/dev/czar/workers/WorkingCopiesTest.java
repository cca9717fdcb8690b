package dev.czar.workers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.KILLED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

class WorkingCopiesTest {
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
    void should_work_in_a_jgit_clone_and_bring_the_branch_back_when_git_worktree_is_not_used() {
        // given
        fleet = new Fleet(tmp, Map.of("working-copies", "jgit-clone"));
        fleet.launch("cloned", "Implement cloning\nagent-mode: commit\n");

        // when
        fleet.await("cloned", w -> w.state() == VERIFYING && fleet.workers.history().latestGate("cloned").size() > 1,
                Fleet.PATIENCE, "verified");

        // then: the commit made in the clone is on czar/cloned in the supervised repository
        assertThat(fleet.workers.headOf("czar/cloned")).isPresent();
        assertThat(fleet.workers.history().latestGate("cloned").get(0).line()).startsWith("PASS commits: 1 commit(s)");
        assertThat(Files.isDirectory(fleet.home.resolve("worktrees/cloned/.git"))).isTrue();
        fleet.repo.merge("czar/cloned");
        fleet.await("cloned", DONE);
    }

    @Test
    void should_end_a_killed_workers_process_group_and_keep_its_branch() {
        // given
        fleet = new Fleet(tmp, Map.of("stuck-after", "60s"));
        fleet.launch("victim", "Implement victim\nagent-mode: commit\nagent-linger: 60\n");
        Workstream running = fleet.await("victim", w -> w.state() == RUNNING
                && fleet.workers.logTail("victim", 3).contains("still working"), Fleet.PATIENCE, "working");
        ProcessHandle leader = ProcessHandle.of(running.pid()).orElseThrow();

        // when
        String reply = fleet.workers.kill("victim", "U-admin").line();
        fleet.workers.supervisor().tick();

        // then
        assertThat(reply).startsWith("Killed victim (was running)");
        assertThat(ProcessGroups.running(leader)).isFalse();
        assertThat(fleet.workers.find("victim").orElseThrow().state()).isEqualTo(KILLED);
        assertThat(fleet.workers.supervisor().runningHere()).isEmpty();
        assertThat(fleet.workers.headOf("czar/victim")).isPresent();
    }

    @Test
    void should_remove_working_copies_of_finished_workstreams_after_retention_but_keep_branch_and_logs() {
        fleet = new Fleet(tmp, Map.of("retention", "0s", "stuck-after", "60s"));
        fleet.launch("old", "Implement old\nagent-mode: commit\nagent-linger: 60\n");
        fleet.await("old", w -> w.state() == RUNNING && fleet.workers.logTail("old", 3).contains("still working"),
                Fleet.PATIENCE, "working");
        fleet.workers.kill("old", "U-admin");

        fleet.await("old", w -> !Files.exists(fleet.home.resolve("worktrees/old")), Fleet.PATIENCE, "cleaned up");

        assertThat(fleet.workers.headOf("czar/old")).isPresent();
        assertThat(fleet.workers.logTail("old", 20)).contains("committed work/old.txt");
        assertThat(fleet.workers.history().events("old", 5)).anyMatch(e -> e.reason().startsWith("working copy removed"));
    }
}
