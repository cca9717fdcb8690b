package dev.czar.workers.agents;

import dev.czar.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GeminiAdapter}'s command lines and its stream parser on stream-json fixtures (fixtures/agents/gemini). */
class GeminiAdapterTest {
    @TempDir
    Path tmp;

    private final GeminiAdapter adapter = new GeminiAdapter();

    @Test
    void start_runs_headless_with_stream_json_edits_approved_and_a_git_only_shell_policy() throws Exception {
        AgentRun run = new AgentRun("gemini", List.of("-m", "gemini-2.5-pro"), tmp.resolve("wc"), tmp.resolve("cfg"),
                Map.of());

        List<String> command = adapter.start(run, "-fix the login");

        Path policy = tmp.resolve("cfg/gemini/czar-policy.toml");
        assertThat(command).containsExactly("gemini", "-m", "gemini-2.5-pro", "--output-format", "stream-json",
                "--skip-trust", "--approval-mode", "auto_edit", "--policy", policy.toString(), "--prompt=-fix the login");
        assertThat(Files.readString(policy)).contains("toolName = \"run_shell_command\"", "commandPrefix = \"git\"",
                "decision = \"allow\"");
        assertThat(adapter.env(run)).containsEntry("GEMINI_CLI_HOME", tmp.resolve("cfg/gemini").toString());
        assertThat(adapter.readsStdin()).isFalse();
        assertThat(Files.readString(tmp.resolve("cfg/gemini/.gemini/settings.json")))
                .contains("\"usageStatisticsEnabled\" : false").doesNotContain("selectedType");
    }

    @Test
    void an_api_key_in_the_env_selects_api_key_auth() throws Exception {
        AgentRun run = new AgentRun("gemini", List.of(), tmp, tmp.resolve("cfg"), Map.of("GEMINI_API_KEY", "k"));

        adapter.start(run, "task");

        assertThat(Files.readString(tmp.resolve("cfg/gemini/.gemini/settings.json")))
                .contains("\"selectedType\" : \"gemini-api-key\"").doesNotContain("\"k\"");
    }

    @Test
    void resume_names_the_session() {
        AgentRun run = new AgentRun("gemini", List.of(), tmp, tmp.resolve("cfg"), Map.of());

        assertThat(adapter.resume(run, "c5b1f3a2", "keep it").orElseThrow())
                .containsSequence("--resume", "c5b1f3a2").endsWith("--prompt=keep it");
    }

    @Test
    void honest_stream_gives_session_tool_calls_the_written_file_usage_and_the_final_text() {
        List<WorkerEvent> events = read("honest.jsonl", 0);

        assertThat(events).containsExactly(
                new WorkerEvent.SessionStarted("51a16bf3-b874-4d29-8d2e-e71ae71e1ee6"),
                new WorkerEvent.Message("I'll write the file."),
                new WorkerEvent.ToolCall("write_file", "hello.txt"),
                new WorkerEvent.FileChanged("hello.txt"),
                new WorkerEvent.ToolCall("run_shell_command", "git add hello.txt && git commit -q -m 'Add hello.txt'"),
                new WorkerEvent.Message("CZAR_DONE: wrote hello.txt and committed it"),
                new WorkerEvent.Usage(3000, 60, null),
                new WorkerEvent.TurnEnded(true, "CZAR_DONE: wrote hello.txt and committed it", 0));
    }

    @Test
    void a_tool_refused_by_policy_is_a_permission_denial() {
        List<WorkerEvent> events = read("denied.jsonl", 0);

        assertThat(events).contains(new WorkerEvent.PermissionDenied("run_shell_command",
                "Tool execution denied by policy."));
        assertThat(events).noneMatch(WorkerEvent.FileChanged.class::isInstance);
        assertThat(events).last().isEqualTo(
                new WorkerEvent.TurnEnded(true, "CZAR_DONE: wrote hello.txt and committed it", 0));
    }

    @Test
    void a_resumed_session_keeps_its_id_and_reports_its_own_usage() {
        List<WorkerEvent> events = read("resumed.jsonl", 0);

        assertThat(events).startsWith(new WorkerEvent.SessionStarted("51a16bf3-b874-4d29-8d2e-e71ae71e1ee6"))
                .contains(new WorkerEvent.Usage(1000, 20, null));
    }

    @Test
    void an_api_error_ends_the_turn_unsuccessfully_with_the_error() {
        List<WorkerEvent> events = read("api-error.jsonl", 1);

        assertThat(events).contains(new WorkerEvent.Output("gemini: Retrying after 500 Internal Server Error"));
        assertThat(events).last().isEqualTo(new WorkerEvent.TurnEnded(false, "[API Error: 500 Internal Server Error]", 0));
    }

    @Test
    void a_crash_before_the_result_ends_the_turn_at_exit() {
        AgentStream stream = adapter.stream();
        stream.line("{\"type\":\"init\",\"session_id\":\"s\",\"model\":\"m\"}");

        assertThat(stream.end(1)).containsExactly(
                new WorkerEvent.TurnEnded(false, "gemini exited with code 1 without a result", 0));
        assertThat(stream.line("Loaded cached credentials.")).containsExactly(
                new WorkerEvent.Output("Loaded cached credentials."));
    }

    private List<WorkerEvent> read(String fixture, int exitCode) {
        AgentStream stream = adapter.stream();
        List<WorkerEvent> events = new ArrayList<>();
        Fixtures.read("agents/gemini/" + fixture).lines().forEach(line -> events.addAll(stream.line(line)));
        events.addAll(stream.end(exitCode));
        return events;
    }
}
