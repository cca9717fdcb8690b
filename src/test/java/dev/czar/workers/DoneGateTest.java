package dev.czar.workers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

class DoneGateTest {
    @TempDir
    Path tmp;
    Fleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private List<String> gateLines(String name) {
        return fleet.workers.history().latestGate(name).stream().map(GateItem::line).toList();
    }

    @Test
    void should_refuse_a_claim_of_done_without_commits() {
        // given
        fleet = new Fleet(tmp, Map.of("max-fix-rounds", 0));
        fleet.launch("liar", "Implement the parser\nagent-mode: claim-done\n");

        // when
        Workstream ws = fleet.await("liar", FAILED);

        // then
        assertThat(fleet.history("liar")).containsExactly(QUEUED, RUNNING, VERIFYING, FAILED);
        assertThat(gateLines("liar")).singleElement().asString()
                .startsWith("FAIL commits: no commits on czar/liar since it was created from main at");
        assertThat(ws.reason()).startsWith("done refused, no fix rounds left (workers.max-fix-rounds 0): FAIL commits: no commits on czar/liar");
    }

    @Test
    void should_tell_the_workstreams_thread_through_the_notices_target_it_was_built_with() {
        List<String> thread = new java.util.concurrent.CopyOnWriteArrayList<>();
        fleet = new Fleet(tmp, Map.of("max-fix-rounds", 0), (f, wiring) -> wiring.notices((ws, text) ->
                thread.add(ws.channel() + "/" + ws.thread() + " " + ws.name() + ": " + text)));
        fleet.workers.launch("liar", "Implement the parser\nagent-mode: claim-done\n", 0, null, "U1", "C42", "1700000000.000100");

        fleet.await("liar", FAILED);

        assertThat(thread).anyMatch(line -> line.startsWith("C42/1700000000.000100 liar: FAILED, done refused:"));
    }

    @Test
    void should_send_a_refused_worker_back_with_the_failures_as_its_next_input() throws Exception {
        // given
        fleet = new Fleet(tmp, Map.of("max-fix-rounds", 1));
        fleet.launch("lazy", "Implement the parser\nagent-mode: lazy\n");

        // when
        fleet.await("lazy", w -> w.fixRounds() == 1 && w.state() == VERIFYING, Fleet.PATIENCE, "verifying after a fix round");
        fleet.await("lazy", w -> fleet.workers.history().latestGate("lazy").size() > 1, Fleet.PATIENCE, "gated");

        // then
        String task = java.nio.file.Files.readString(fleet.home.resolve("worktrees/lazy/TASK.md"));
        assertThat(task).startsWith("Implement the parser\nagent-mode: lazy\n\n## czar: your claim of done was refused (fix round 1 of 1)")
                .contains("FAIL commits: no commits on czar/lazy");
        assertThat(fleet.history("lazy")).startsWith(QUEUED, RUNNING, VERIFYING, QUEUED, RUNNING, VERIFYING);
        assertThat(gateLines("lazy")).anyMatch(l -> l.startsWith("PASS commits: 1 commit(s) on czar/lazy"));
    }

    @Test
    void should_flag_a_tests_only_change_when_the_task_asks_for_an_implementation() {
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("tester", "Implement the login endpoint\nagent-mode: test-stub\n");

        fleet.await("tester", FAILED);

        assertThat(gateLines("tester")).contains(
                "FAIL substance: tests-only change: every changed file is a test (src/test/java/testerTest.java)"
                        + " but the task asks for an implementation");
    }

    @Test
    void should_flag_a_stubs_only_change() {
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("stubber", "Implement the feature\nagent-mode: stub\n");

        fleet.await("stubber", FAILED);

        assertThat(gateLines("stubber")).anyMatch(l -> l.startsWith("FAIL substance: stubs-only change"));
    }

    @Test
    void should_refuse_when_the_verify_command_fails_and_keep_its_output() {
        fleet = new Fleet(tmp, Map.of("verify-command", "echo running tests; echo 'FAILED: 2 tests' ; exit 1"));
        fleet.launch("red", "Implement red\nagent-mode: commit\n");

        fleet.await("red", FAILED);

        assertThat(gateLines("red")).anyMatch(l -> l.startsWith("FAIL verify: 'echo running tests; echo 'FAILED: 2 tests' ; exit 1' exited 1")
                && l.contains("FAILED: 2 tests"));
        assertThat(fleet.home.resolve("workers/red/verify-0.log")).hasContent("running tests\nFAILED: 2 tests");
    }

    @Test
    void should_be_done_only_after_every_item_passes_and_the_branch_is_merged() {
        // given
        fleet = new Fleet(tmp, Map.of("verify-command", "test -f work/green.txt"));
        fleet.launch("green", "Implement green\nagent-mode: commit\n");
        fleet.await("green", w -> w.state() == VERIFYING && fleet.workers.history().latestGate("green").size() > 1,
                Fleet.PATIENCE, "verified");

        // when: nobody merged yet, it stays VERIFYING
        fleet.workers.supervisor().tick();
        assertThat(fleet.workers.find("green").orElseThrow().state()).isEqualTo(VERIFYING);
        assertThat(gateLines("green")).last().asString().startsWith("WAIT merged: not merged into main yet");
        fleet.repo.merge("czar/green");

        // then
        fleet.await("green", DONE);
        assertThat(gateLines("green")).extracting(l -> l.split(":")[0]).containsExactly(
                "PASS commits", "PASS verify", "SKIP ci", "PASS conflicts", "PASS substance", "PASS merged");
    }

    @Test
    void should_send_back_a_verified_branch_when_main_moves_underneath_and_now_conflicts() {
        // given a branch verified and waiting for its merge
        fleet = new Fleet(tmp, Map.of("max-fix-rounds", 0));
        fleet.launch("late", "Implement late mode\nagent-mode: commit\nagent-file: shared/config.txt\nagent-content: mode = late\n");
        fleet.await("late", w -> w.state() == VERIFYING && w.reason().startsWith("verified"), Fleet.PATIENCE, "verified");

        // when main changes the same line
        fleet.repo.commit("main sets the mode", Map.of("shared/config.txt", "mode = main\n"));

        // then
        Workstream ws = fleet.await("late", FAILED);
        assertThat(ws.reason()).startsWith("done refused, no fix rounds left (workers.max-fix-rounds 0): FAIL conflicts:"
                + " conflicts with main at").contains("in shared/config.txt");
    }
}
