package dev.czar.workers.agents;

import dev.czar.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AiderAdapter}'s command lines and its plain-text parser on recorded-format transcripts. */
class AiderAdapterTest {
    private final AiderAdapter adapter = new AiderAdapter();
    private final AgentRun run = new AgentRun("aider", List.of("--model", "openai/qwen3-coder"), Path.of("wc"),
            Path.of("cfg"), Map.of());

    @Test
    void start_sends_one_message_headless_with_a_fresh_history_kept_outside_the_repository() {
        List<String> command = adapter.start(run, "-fix the login");

        assertThat(command).startsWith("aider", "--model", "openai/qwen3-coder", "--message=-fix the login",
                "--yes-always", "--no-pretty", "--no-stream");
        assertThat(command).contains("--no-suggest-shell-commands", "--no-gitignore", "--analytics-disable",
                "--no-check-update").containsSequence("--chat-history-file",
                Path.of("cfg/aider/chat.history.md").toString()).endsWith("--no-restore-chat-history");
        assertThat(adapter.readsStdin()).isFalse();
    }

    @Test
    void resume_restores_the_chat_history_and_sends_the_answer() {
        List<String> command = adapter.resume(run, AiderAdapter.SESSION, "keep it").orElseThrow();

        assertThat(command).contains("--message=keep it").endsWith("--restore-chat-history");
    }

    @Test
    void honest_transcript_gives_the_edit_the_reply_and_usage_with_cost() {
        List<WorkerEvent> events = read("honest.txt", 0);

        assertThat(events).contains(new WorkerEvent.SessionStarted(AiderAdapter.SESSION),
                new WorkerEvent.ToolCall("edit", "hello.txt"), new WorkerEvent.FileChanged("hello.txt"),
                new WorkerEvent.Usage(2400, 89, new BigDecimal("0.0086")));
        WorkerEvent.TurnEnded ended = (WorkerEvent.TurnEnded) events.get(events.size() - 1);
        assertThat(ended.success()).isTrue();
        assertThat(ended.turns()).isEqualTo(1);
        assertThat(ended.text()).startsWith("I'll add hello.txt").endsWith("CZAR_DONE: wrote hello.txt")
                .doesNotContain("Tokens:", "Repo-map");
    }

    @Test
    void a_question_is_the_final_text_and_usage_without_a_price_has_no_cost() {
        List<WorkerEvent> events = read("asker.txt", 0);

        assertThat(events).contains(new WorkerEvent.Usage(12_000 + 1_100, 15, null));
        assertThat(events).last().isEqualTo(
                new WorkerEvent.TurnEnded(true, "Should I drop the legacy table or keep it?", 1));
    }

    @Test
    void a_provider_error_ends_the_turn_unsuccessfully_with_the_error_line() {
        List<WorkerEvent> events = read("api-error.txt", 1);

        assertThat(events).last().isEqualTo(new WorkerEvent.TurnEnded(false,
                "litellm.InternalServerError: OpenAIException - Internal Server Error", 0));
    }

    @Test
    void short_counts_are_expanded() {
        assertThat(AiderStream.count("345")).isEqualTo(345);
        assertThat(AiderStream.count("1.2k")).isEqualTo(1200);
        assertThat(AiderStream.count("12k")).isEqualTo(12_000);
        assertThat(AiderStream.count("1.5M")).isEqualTo(1_500_000);
    }

    private List<WorkerEvent> read(String fixture, int exitCode) {
        AgentStream stream = adapter.stream();
        List<WorkerEvent> events = new ArrayList<>();
        Fixtures.read("agents/aider/" + fixture).lines().forEach(line -> events.addAll(stream.line(line)));
        events.addAll(stream.end(exitCode));
        return events;
    }
}
