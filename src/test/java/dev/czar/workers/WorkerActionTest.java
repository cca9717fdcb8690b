package dev.czar.workers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control actions return what they did as values: the workstream, whether it changed, and its states before and
 * after, so a front door need not parse the sentence. No worker runs (no command is set): only rows change.
 */
class WorkerActionTest {
    @TempDir
    Path tmp;
    Fleet fleet;

    @AfterEach
    void tearDown() {
        fleet.close();
    }

    @Test
    void should_say_that_a_kill_moved_the_workstream_from_queued_to_killed_and_that_a_second_kill_changed_nothing() {
        // given
        fleet = new Fleet(tmp, Map.of("command", List.of()));
        fleet.launch("doomed", "Rewrite the billing module");

        // when
        WorkerAction killed = fleet.workers.kill("doomed", "U-admin");
        WorkerAction again = fleet.workers.kill("doomed", "U-admin");

        // then
        assertThat(killed).extracting(WorkerAction::workstream, WorkerAction::outcome, WorkerAction::before,
                WorkerAction::after).containsExactly("doomed", WorkerAction.Outcome.CHANGED, WorkstreamState.QUEUED,
                WorkstreamState.KILLED);
        assertThat(fleet.workers.find("doomed").orElseThrow().state()).isEqualTo(killed.after());
        assertThat(again.changed()).isFalse();
        assertThat(again.before()).isEqualTo(WorkstreamState.KILLED).isEqualTo(again.after());
        assertThat(again.line()).isEqualTo("doomed is already killed; nothing to kill.");
    }

    @Test
    void should_requeue_a_killed_workstream_and_refuse_to_retry_a_queued_one_without_changing_it() {
        // given
        fleet = new Fleet(tmp, Map.of("command", List.of()));
        fleet.launch("flaky", "Fix the flaky login test");
        fleet.launch("waiting", "Document the release process");
        fleet.workers.kill("flaky", "U-admin");

        // when
        WorkerAction retried = fleet.workers.retry("flaky", "U-op");
        WorkerAction refused = fleet.workers.retry("waiting", "U-op");

        // then
        assertThat(retried.outcome()).isEqualTo(WorkerAction.Outcome.CHANGED);
        assertThat(retried.after()).isEqualTo(WorkstreamState.QUEUED);
        assertThat(refused.outcome()).isEqualTo(WorkerAction.Outcome.UNCHANGED);
        assertThat(refused.line()).isEqualTo("waiting is queued; only failed, killed or lost workstreams can be retried.");
    }

    @Test
    void should_pause_and_resume_a_queued_workstream_with_the_states_it_went_through() {
        // given
        fleet = new Fleet(tmp, Map.of("command", List.of()));
        fleet.launch("held", "Add rate limiting to the login endpoint");

        // when
        WorkerAction paused = fleet.workers.pause("held", "U-op");
        WorkerAction resumed = fleet.workers.resume("held", "U-op");

        // then
        assertThat(paused).extracting(WorkerAction::before, WorkerAction::after)
                .containsExactly(WorkstreamState.QUEUED, WorkstreamState.PAUSED);
        assertThat(resumed).extracting(WorkerAction::before, WorkerAction::after)
                .containsExactly(WorkstreamState.PAUSED, WorkstreamState.QUEUED);
        assertThat(resumed.evidence()).isEmpty();
    }
}
