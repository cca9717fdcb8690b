package dev.czar.workers.agents;

import dev.czar.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Claude Code's stream-json, as the real CLI 2.1.197 printed it against the Anthropic stand-in, read into events. */
class ClaudeCodeStreamTest {
    private static List<WorkerEvent> read(String fixture) {
        AgentStream stream = new ClaudeCodeAdapter().stream();
        List<WorkerEvent> events = new ArrayList<>();
        Fixtures.read("claude-code/" + fixture, java.util.Map.of()).lines().forEach(l -> events.addAll(stream.line(l)));
        events.addAll(stream.end(0));
        return events;
    }

    @Test
    void should_read_session_tool_call_usage_cost_and_result_of_an_honest_run() {
        // when
        List<WorkerEvent> events = read("stream-json-honest.jsonl");

        // then
        assertThat(events).containsExactly(
                new WorkerEvent.SessionStarted("e58b19fb-a3ee-4550-a77b-93bea7ad56c2"),
                new WorkerEvent.ToolCall("Bash", "echo hi > hello.txt && git add hello.txt && git commit -qm 'add hello'"),
                new WorkerEvent.Message("Committed hello.txt.\nCZAR_DONE: added hello"),
                new WorkerEvent.Usage(200, 40, new BigDecimal("0.002")),
                new WorkerEvent.TurnEnded(true, "Committed hello.txt.\nCZAR_DONE: added hello", 2));
    }

    @Test
    void should_report_a_refused_shell_command_as_a_permission_denial() {
        // when
        List<WorkerEvent> events = read("stream-json-denied.jsonl");

        // then the tool result and the run's permission_denials both name it
        assertThat(events).filteredOn(e -> e instanceof WorkerEvent.PermissionDenied).extracting(e -> ((WorkerEvent.PermissionDenied) e).tool())
                .containsOnly("Bash(curl -s http://127.0.0.1:9/x)").hasSize(2);
        assertThat(events).last().isInstanceOf(WorkerEvent.TurnEnded.class);
    }

    @Test
    void should_name_edited_files_relative_to_the_working_copy() {
        // given
        AgentStream stream = new ClaudeCodeAdapter().stream();
        stream.line("{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/w/demo\",\"session_id\":\"s-1\"}");

        // when
        List<WorkerEvent> events = stream.line("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"t1\",\"name\":\"Edit\",\"input\":{\"file_path\":\"/w/demo/src/Login.java\",\"old_string\":\"a\"}}]}}");

        // then
        assertThat(events).containsExactly(new WorkerEvent.ToolCall("Edit", "src/Login.java"),
                new WorkerEvent.FileChanged("src/Login.java"));
    }

    @Test
    void should_turn_lines_that_are_not_events_into_output_and_never_throw() {
        AgentStream stream = new ClaudeCodeAdapter().stream();

        assertThat(stream.line("Error: No conversation found with session ID: x")).containsExactly(
                new WorkerEvent.Output("Error: No conversation found with session ID: x"));
        assertThat(stream.line("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":")).hasSize(1)
                .first().isInstanceOf(WorkerEvent.Output.class);
        assertThat(stream.line("{\"type\":\"stream_event\"}")).isEmpty();
        assertThat(stream.line("{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"content\":"
                + "\"needs \\\"is_error\\\":true approval\",\"is_error\":false}]}}")).isEmpty();
    }

    @Test
    void should_say_how_an_error_result_ended_when_it_has_no_text() {
        List<WorkerEvent> events = new ClaudeCodeAdapter().stream().line("{\"type\":\"result\",\"subtype\":\"error_during_execution\","
                + "\"is_error\":true,\"num_turns\":1,\"session_id\":\"s-2\",\"api_error_status\":529}");

        assertThat(events).contains(new WorkerEvent.SessionStarted("s-2"),
                new WorkerEvent.TurnEnded(false, "Claude Code ended with error_during_execution (API status 529)", 1));
    }
}
