package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OpenCodeAdapter}'s command lines and its stream parser on {@code run --format json} fixtures. */
class OpenCodeAdapterTest {
    private final OpenCodeAdapter adapter = new OpenCodeAdapter();
    private final AgentRun run = new AgentRun("opencode", List.of("-m", "local/qwen3-coder"), Path.of("wc"),
            Path.of("cfg"), Map.of());

    @Test
    void start_and_resume_run_headless_with_json_events_and_the_message_after_a_double_dash() {
        assertThat(adapter.start(run, "Fix the login")).containsExactly("opencode", "run", "-m", "local/qwen3-coder",
                "--format", "json", "--", "Fix the login");
        assertThat(adapter.resume(run, "ses_4f1a", "keep it").orElseThrow()).containsExactly("opencode", "run", "-m",
                "local/qwen3-coder", "--session", "ses_4f1a", "--format", "json", "--", "keep it");
        assertThat(adapter.readsStdin()).isFalse();
    }

    @Test
    void permissions_allow_edits_and_git_and_ask_for_everything_else() throws Exception {
        JsonNode config = Json.MAPPER.readTree(adapter.env(run).get("OPENCODE_CONFIG_CONTENT"));

        assertThat(config.path("permission").path("edit").asText()).isEqualTo("allow");
        assertThat(config.path("permission").path("bash").path("git *").asText()).isEqualTo("allow");
        assertThat(config.path("permission").path("bash").path("*").asText()).isEqualTo("ask");
        assertThat(config.path("autoupdate").asBoolean(true)).isFalse();
    }

    @Test
    void honest_stream_gives_session_tool_calls_the_written_file_summed_usage_and_cost_and_the_final_text() {
        List<WorkerEvent> events = read("honest.jsonl", 0);

        assertThat(events).containsExactly(
                new WorkerEvent.SessionStarted("ses_4f1a2b3c4d5eXyZ9AbCdEfGhIj"),
                new WorkerEvent.ToolCall("write", "/work/demo/hello.txt"),
                new WorkerEvent.FileChanged("/work/demo/hello.txt"),
                new WorkerEvent.ToolCall("bash", "git add hello.txt && git commit -m 'Add hello.txt'"),
                new WorkerEvent.Message("CZAR_DONE: wrote hello.txt and committed it"),
                new WorkerEvent.Usage(2400 + 1000 + 300 + 3400 + 100 + 3800, 80 + 20 + 60 + 12, new BigDecimal("0.0168")),
                new WorkerEvent.TurnEnded(true, "CZAR_DONE: wrote hello.txt and committed it", 3));
    }

    @Test
    void an_auto_rejected_permission_and_the_rejected_tool_call_are_denials() {
        List<WorkerEvent> events = read("denied.txt", 0);

        assertThat(events).contains(new WorkerEvent.PermissionDenied("bash", "./mvnw test"),
                new WorkerEvent.PermissionDenied("bash", "The user rejected permission to use this specific tool call."));
        assertThat(events).last().isEqualTo(new WorkerEvent.TurnEnded(true,
                "I was not allowed to run ./mvnw test. Should I run it, or only read the code?", 2));
    }

    @Test
    void an_api_error_ends_the_turn_unsuccessfully_even_when_opencode_exits_0() {
        List<WorkerEvent> events = read("api-error.jsonl", 0);

        assertThat(events).last().isEqualTo(new WorkerEvent.TurnEnded(false, "Internal Server Error", 0));
        assertThat(events).noneMatch(WorkerEvent.Usage.class::isInstance);
    }

    private List<WorkerEvent> read(String fixture, int exitCode) {
        AgentStream stream = adapter.stream();
        List<WorkerEvent> events = new ArrayList<>();
        Fixtures.read("agents/opencode/" + fixture).lines().forEach(line -> events.addAll(stream.line(line)));
        events.addAll(stream.end(exitCode));
        return events;
    }
}
