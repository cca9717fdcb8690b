package dev.czar.workers.agents;

import dev.czar.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CodexStream} on recorded {@code codex exec --json} output (fixtures/agents/codex). */
class CodexStreamTest {
    private final CodexAdapter adapter = new CodexAdapter();

    @Test
    void honest_run_gives_session_shell_call_message_usage_and_a_successful_end() {
        List<WorkerEvent> events = read(adapter.stream(), "honest.jsonl", 0);

        assertThat(events).containsExactly(
                new WorkerEvent.SessionStarted("01a24e17-1ca5-7d42-8bb9-803a08e8ed19"),
                new WorkerEvent.Output("codex: Model metadata for `stand-in` not found. Defaulting to fallback "
                        + "metadata; this can degrade performance and cause issues."),
                new WorkerEvent.ToolCall("shell",
                        "echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add hello.txt' && git log --oneline"),
                new WorkerEvent.Message("CZAR_DONE: added hello.txt"),
                new WorkerEvent.Usage(200, 14, null),
                new WorkerEvent.TurnEnded(true, "CZAR_DONE: added hello.txt", 1));
    }

    @Test
    void apply_patch_is_one_tool_call_and_a_file_changed_per_path() {
        List<WorkerEvent> events = read(adapter.stream(), "apply-patch.jsonl", 0);

        assertThat(events).containsSubsequence(new WorkerEvent.ToolCall("apply_patch", "/work/demo/notes.txt"),
                new WorkerEvent.FileChanged("/work/demo/notes.txt"));
        assertThat(events).filteredOn(WorkerEvent.ToolCall.class::isInstance).hasSize(1);
    }

    @Test
    void a_failing_model_ends_the_turn_unsuccessfully_with_codex_message_and_nothing_more_at_exit() {
        List<WorkerEvent> events = read(adapter.stream(), "model-failed.jsonl", 1);

        assertThat(events).filteredOn(WorkerEvent.TurnEnded.class::isInstance).containsExactly(
                new WorkerEvent.TurnEnded(false,
                        "We’re currently experiencing high demand, which may cause temporary errors.", 1));
    }

    @Test
    void the_final_text_of_an_asking_turn_is_the_question() {
        List<WorkerEvent> events = read(adapter.stream(), "asker-question.jsonl", 0);

        assertThat(events).endsWith(new WorkerEvent.TurnEnded(true, "Should I drop the legacy table or keep it?", 1));
    }

    @Test
    void a_resumed_thread_reports_only_the_tokens_its_own_run_added() {
        read(adapter.stream(), "asker-question.jsonl", 0);

        List<WorkerEvent> resumed = read(adapter.stream(), "asker-resumed.jsonl", 0);

        assertThat(resumed).contains(new WorkerEvent.Usage(200, 14, null));
    }

    @Test
    void after_a_restart_a_resumed_thread_counts_from_the_total_in_codex_own_rollout_file(@TempDir Path tmp)
            throws IOException {
        // given czar restarted (a fresh adapter) and the workstream's CODEX_HOME holding the thread's rollout
        CodexAdapter restarted = new CodexAdapter();
        AgentRun run = new AgentRun("/opt/codex", List.of(), tmp.resolve("wc"), tmp.resolve("config"), Map.of());
        Path rollout = Path.of("sessions/2026/12/07/rollout-2026-12-07T01-59-10-01a24e1b-98ec-78f0-9f86-f76ca3add5c9.jsonl");
        Path copy = CodexHome.dir(run).resolve(rollout);
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, Fixtures.read("agents/codex/" + rollout.toString().replace('\\', '/')));

        // when the thread is resumed and its run reports the thread's running total
        restarted.resume(run, "01a24e1b-98ec-78f0-9f86-f76ca3add5c9", "keep it");
        List<WorkerEvent> resumed = read(restarted.stream(), "asker-resumed.jsonl", 0);

        // then only what this run added counts, not the first turn again
        assertThat(resumed).contains(new WorkerEvent.Usage(200, 14, null));
    }

    @Test
    void without_a_rollout_file_a_thread_unknown_to_czar_counts_its_whole_total_once() {
        assertThat(read(new CodexAdapter().stream(), "asker-resumed.jsonl", 0))
                .contains(new WorkerEvent.Usage(300, 21, null));
    }

    @Test
    void a_run_that_dies_without_ending_its_turn_ends_it_unsuccessfully_at_exit() {
        AgentStream stream = adapter.stream();
        stream.line("{\"type\":\"thread.started\",\"thread_id\":\"t-1\"}");
        stream.line("{\"type\":\"turn.started\"}");

        assertThat(stream.end(137)).containsExactly(
                new WorkerEvent.TurnEnded(false, "codex exited with code 137 before its turn ended", 0));
    }

    @Test
    void lines_that_are_not_codex_events_are_kept_as_output() {
        AgentStream stream = adapter.stream();

        assertThat(stream.line("Reading additional input from stdin...")).containsExactly(
                new WorkerEvent.Output("Reading additional input from stdin..."));
        assertThat(stream.line("[1,2]")).containsExactly(new WorkerEvent.Output("[1,2]"));
        assertThat(stream.line("{\"type\":\"something.new\"}")).containsExactly(
                new WorkerEvent.Output("{\"type\":\"something.new\"}"));
    }

    @Test
    void shell_commands_are_shown_without_codex_bash_wrapper() {
        assertThat(CodexStream.command("/bin/bash -lc \"git commit -m \\\"x\\\"\"")).isEqualTo("git commit -m \"x\"");
        assertThat(CodexStream.command("/bin/bash -lc 'ls -la'")).isEqualTo("ls -la");
        assertThat(CodexStream.command("ls -la")).isEqualTo("ls -la");
    }

    private static List<WorkerEvent> read(AgentStream stream, String fixture, int exitCode) {
        List<WorkerEvent> events = new ArrayList<>();
        Fixtures.read("agents/codex/" + fixture).lines().forEach(line -> events.addAll(stream.line(line)));
        events.addAll(stream.end(exitCode));
        return events;
    }
}
