package dev.czar.workers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/** A worker that says it is done without exiting: the claim line (workers.done-pattern) moves it to VERIFYING. */
class DoneClaimTest {
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
    void should_end_a_worker_that_claims_done_in_its_output_and_gate_its_commits() {
        // given a worker that commits, prints the claim line and keeps running
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("claimer", "Implement the claimer\nagent-mode: commit-then-claim\nagent-claim: CZAR_DONE: parser written\n");

        // when
        Workstream ws = fleet.await("claimer", w -> w.state() == VERIFYING
                && fleet.workers.history().latestGate("claimer").size() > 1, Fleet.PATIENCE, "verifying, gated");

        // then the claim is the evidence, the worker is gone, and the gate judged its commit
        WorkstreamEvent claim = fleet.workers.history().events("claimer", 20).stream()
                .filter(e -> e.to() == VERIFYING).findFirst().orElseThrow();
        assertThat(claim.reason()).startsWith("worker claimed done in its output: \"CZAR_DONE: parser written\"")
                .contains("its process group was ended (SIGTERM, then SIGKILL after a grace period)");
        assertThat(ws.pid()).isNull();
        assertThat(fleet.workers.supervisor().runningHere()).isEmpty();
        assertThat(agentsRunningIn("claimer")).isZero();
        assertThat(fleet.workers.history().latestGate("claimer")).filteredOn(i -> i.item().equals("commits"))
                .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(GateItem.Status.PASS));
        assertThat(fleet.history("claimer")).startsWith(QUEUED, RUNNING, VERIFYING);
    }

    @Test
    void should_refuse_a_claim_of_done_without_commits() {
        // given
        fleet = new Fleet(tmp, Map.of("max-fix-rounds", 0));
        fleet.launch("boaster", "Implement the boaster\nagent-mode: claim-no-commit\n");

        // when
        Workstream ws = fleet.await("boaster", w -> w.state() == FAILED, Fleet.PATIENCE, "failed");

        // then
        assertThat(fleet.history("boaster")).containsExactly(QUEUED, RUNNING, VERIFYING, FAILED);
        assertThat(ws.reason()).contains("done refused").contains("FAIL commits");
        assertThat(agentsRunningIn("boaster")).isZero();
    }

    @Test
    void should_not_take_a_line_that_only_mentions_the_claim_word_as_a_claim() {
        // given a worker that talks about the claim word inside a sentence, then keeps working
        fleet = new Fleet(tmp, Map.of("stuck-after", "60s", "command", List.of("bash", "-c",
                "cat > /dev/null & echo 'I will print CZAR_DONE when I have finished'; echo 'echo CZAR_DONE'; echo next;"
                        + " sleep 3600")));
        fleet.launch("talker", "Implement talking\n");

        // when its following output line has been read
        fleet.await("talker", w -> w.state() == RUNNING && fleet.workers.logTail("talker", 3).contains("next"),
                Fleet.PATIENCE, "running past the mentions");
        fleet.workers.supervisor().tick();

        // then
        assertThat(fleet.workers.find("talker").orElseThrow().state()).isEqualTo(RUNNING);
    }

    private long agentsRunningIn(String name) {
        Path copy = fleet.home.resolve("worktrees").resolve(name).toAbsolutePath();
        return ProcessHandle.allProcesses().filter(ProcessGroups::running)
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("scripted-agent.sh")).orElse(false))
                .filter(p -> cwd(p).startsWith(copy.toString())).count();
    }

    private static String cwd(ProcessHandle p) {
        try {
            return java.nio.file.Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toString();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
