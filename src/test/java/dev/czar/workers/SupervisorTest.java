package dev.czar.workers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.BLOCKED;
import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

class SupervisorTest {
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
    void should_give_the_worker_its_full_task_on_stdin_and_in_task_md_on_its_own_branch() throws Exception {
        // given
        fleet = new Fleet(tmp, Map.of());
        String task = "# Add the greeting\nWrite work/greet.txt.\nagent-mode: commit\nagent-linger: 30\nagent-file: work/greet.txt\n";
        fleet.launch("greet", task);

        // when
        Workstream ws = fleet.await("greet", w -> w.state() == RUNNING && w.baseSha() != null
                && fleet.workers.logTail("greet", 5).contains("committed"), Fleet.PATIENCE, "running with a commit");

        // then
        Path copy = fleet.home.resolve("worktrees/greet");
        assertThat(Files.readString(copy.resolve("TASK.md"))).isEqualTo(task);
        assertThat(fleet.workers.logTail("greet", 20)).contains("scripted agent: greet on czar/greet, attempt 1, mode commit");
        assertThat(ws.branch()).isEqualTo("czar/greet");
        assertThat(ws.pid()).isNotNull();
        assertThat(Files.readString(fleet.repo.dir().resolve("shared/config.txt"))).isEqualTo("mode = old\n");
        assertThat(fleet.repo.git().getRepository().getBranch()).isEqualTo("main");
        assertThat(Files.exists(fleet.repo.dir().resolve("work"))).isFalse();
    }

    @Test
    void should_retry_a_crashing_worker_then_fail_it_with_reason_and_log_tail() {
        // given
        fleet = new Fleet(tmp, Map.of("max-retries", 1));
        fleet.launch("broken", "Fix the build\nagent-mode: crash\nagent-exit: 7\n");

        // when
        Workstream ws = fleet.await("broken", FAILED);

        // then
        assertThat(ws.attempts()).isEqualTo(2);
        assertThat(ws.exitCode()).isEqualTo(7);
        assertThat(ws.reason()).contains("worker exited with code 7 on attempt 2").contains("error: the build broke");
        assertThat(fleet.history("broken")).containsExactly(QUEUED, RUNNING, QUEUED, RUNNING, FAILED);
    }

    @Test
    void should_retry_after_a_crash_and_succeed_on_the_second_attempt() {
        fleet = new Fleet(tmp, Map.of("max-retries", 2));
        fleet.launch("flaky", "Implement flaky support\nagent-mode: crash-first\n");

        Workstream ws = fleet.await("flaky", VERIFYING);

        assertThat(ws.attempts()).isEqualTo(2);
        assertThat(fleet.history("flaky")).startsWith(QUEUED, RUNNING, QUEUED, RUNNING, VERIFYING);
    }

    @Test
    void should_mark_a_silent_worker_stuck_and_retry_it() {
        // given
        fleet = new Fleet(tmp, Map.of("stuck-after", "1s", "max-retries", 1));
        fleet.launch("sleepy", "Implement the sleeper\nagent-mode: hang\n");
        Workstream first = fleet.await("sleepy", RUNNING);
        long firstPid = first.pid();

        // when
        Workstream ws = fleet.await("sleepy", FAILED);

        // then
        assertThat(fleet.history("sleepy")).containsExactly(QUEUED, RUNNING, STUCK, QUEUED, RUNNING, STUCK, FAILED);
        assertThat(ws.reason()).contains("stuck on attempt 2");
        assertThat(ProcessHandle.of(firstPid).map(ProcessGroups::running).orElse(false)).isFalse();
    }

    @Test
    void should_report_needs_input_on_a_question_and_deliver_the_answer_to_stdin() {
        // given
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("asker", "Implement the asker\nagent-mode: ask\n");

        // when
        Workstream waiting = fleet.await("asker", NEEDS_INPUT);
        String reply = fleet.workers.reply("asker", "y", "U123").line();

        // then
        assertThat(waiting.reason()).isEqualTo("asks: Apply the change to work/asker.txt? [y/n]");
        assertThat(fleet.notices).anyMatch(n -> n.startsWith("asker: is waiting for an answer"));
        assertThat(reply).contains("queued for its stdin");
        fleet.await("asker", VERIFYING);
        assertThat(fleet.history("asker")).containsSubsequence(NEEDS_INPUT, RUNNING, VERIFYING);
        assertThat(fleet.workers.logTail("asker", 5)).contains("got answer: y");
    }

    @Test
    void should_start_a_dependent_automatically_when_its_dependency_is_done() throws Exception {
        // given
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("schema", "Implement the schema\nagent-mode: commit\n");
        Workstream api = fleet.workers.launch("api", "Implement the api\nagent-mode: commit\n", 0, "schema",
                "local:test", "cli", null).workstream();
        assertThat(api.state()).isEqualTo(BLOCKED);
        fleet.await("schema", VERIFYING);
        fleet.await("schema", w -> fleet.workers.history().latestGate("schema").size() > 1, Fleet.PATIENCE, "gated");

        // when: a human merges schema, the gate passes, schema is DONE
        fleet.repo.merge("czar/schema");
        fleet.await("schema", DONE);

        // then
        fleet.await("api", VERIFYING);
        assertThat(fleet.history("api")).startsWith(BLOCKED, QUEUED, RUNNING);
        assertThat(fleet.notices).contains("api: unblocked: schema is DONE");
    }

    @Test
    void should_never_run_more_than_max_parallel_workers_and_start_by_priority() {
        fleet = new Fleet(tmp, Map.of("max-parallel", 1, "stuck-after", "60s"));
        fleet.workers.launch("low", "Implement low\nagent-mode: hang\n", 1, null, "local:test", "cli", null);
        fleet.workers.launch("high", "Implement high\nagent-mode: hang\n", 5, null, "local:test", "cli", null);

        fleet.await("high", RUNNING);
        fleet.workers.supervisor().tick();

        assertThat(fleet.workers.find("low").orElseThrow().state()).isEqualTo(QUEUED);
        fleet.workers.kill("high", "local:test");
        fleet.await("low", RUNNING);
        assertThat(fleet.workers.supervisor().runningHere()).containsExactly("low");
    }
}
