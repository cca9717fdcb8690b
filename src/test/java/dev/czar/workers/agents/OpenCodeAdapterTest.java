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
                new WorkerEvent.SessionStarted("ses_db1c855d9ffeTw3HSCWgXHulL6"),
                new WorkerEvent.ToolCall("write", "hello.txt"),
                new WorkerEvent.FileChanged("hello.txt"),
                new WorkerEvent.ToolCall("bash", "git add hello.txt && git commit -q -m 'Add hello.txt'"),
                new WorkerEvent.Message("CZAR_DONE: wrote hello.txt and committed it"),
                new WorkerEvent.Usage(3000, 60, BigDecimal.ZERO),
                new WorkerEvent.TurnEnded(true, "CZAR_DONE: wrote hello.txt and committed it", 3));
    }

    @Test
    void a_resumed_session_keeps_its_id() {
        assertThat(read("resumed.jsonl", 0)).startsWith(new WorkerEvent.SessionStarted("ses_db1c855d9ffeTw3HSCWgXHulL6"))
                .contains(new WorkerEvent.Usage(1000, 20, BigDecimal.ZERO));
    }

    @Test
    void an_auto_rejected_permission_and_the_rejected_tool_call_are_denials_and_the_turn_ends_without_text() {
        List<WorkerEvent> events = read("denied.txt", 0);

        assertThat(events).contains(new WorkerEvent.PermissionDenied("bash", "./mvnw test"),
                new WorkerEvent.PermissionDenied("bash", "The user rejected permission to use this specific tool call."));
        assertThat(events).last().isEqualTo(new WorkerEvent.TurnEnded(true, "", 1));
    }

    @Test
    void costs_are_summed_as_printed() {
        AgentStream stream = adapter.stream();
        for (String cost : List.of("0.0105", "0.0042", "0.0021")) {
            stream.line("{\"type\":\"step_finish\",\"sessionID\":\"s\",\"part\":{\"type\":\"step-finish\","
                    + "\"tokens\":{\"input\":100,\"output\":10,\"reasoning\":5,\"cache\":{\"read\":50,\"write\":1}},"
                    + "\"cost\":" + cost + "}}");
        }

        assertThat(stream.end(0)).first().isEqualTo(new WorkerEvent.Usage(3 * 151, 3 * 15, new BigDecimal("0.0168")));
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
