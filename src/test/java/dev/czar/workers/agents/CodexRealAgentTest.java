package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.testsupport.ResponsesConversation;
import dev.czar.testsupport.ResponsesScenario;
import dev.czar.testsupport.ResponsesStandIn;
import dev.czar.testsupport.TempGitRepo;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Codex CLI (installed by {@code .ci/install-agents}) run through {@link CodexAdapter} against the
 * Responses API stand-in: what czar parses from it, what it commits, and that a resumed session carries the
 * earlier conversation. Skipped with a reason when codex is not installed; failed instead in CI.
 */
class CodexRealAgentTest {
    @TempDir
    Path tmp;

    private Path codex;
    private TempGitRepo repo;
    private CodexEgressTrap egress;
    private final CodexAdapter adapter = new CodexAdapter();

    @BeforeEach
    void setUp() throws IOException {
        codex = CodexCliRunner.executable();
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("Initial commit", Map.of("README.md", "# demo\n"));
        StoredConfig config = repo.git().getRepository().getConfig();
        config.setString("user", null, "name", "Codex Worker");
        config.setString("user", null, "email", "worker@example.com");
        config.setBoolean("commit", null, "gpgsign", false);
        config.save();
        Files.createDirectories(tmp.resolve("home"));
        egress = new CodexEgressTrap();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (egress != null) { // null when codex is missing and the test was skipped
            egress.close();
            repo.close();
        }
    }

    @Test
    void honest_worker_commits_through_the_shell_tool_and_reports_session_tool_call_usage_and_success()
            throws Exception {
        try (ResponsesStandIn model = new ResponsesStandIn(ResponsesScenario.HONEST)) {
            AgentRun run = run(model);

            CodexCliRunner.Result result = start(run, "Write hello.txt and commit it.");

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.sessionId()).isNotBlank();
            assertThat(result.events()).contains(new WorkerEvent.ToolCall("shell", ResponsesScenario.HONEST_COMMAND),
                    new WorkerEvent.Usage(2 * ResponsesStandIn.INPUT_TOKENS, 2 * ResponsesStandIn.OUTPUT_TOKENS, null));
            assertThat(result.turnEnded()).isEqualTo(new WorkerEvent.TurnEnded(true, ResponsesScenario.HONEST_CLAIM, 1));
            assertThat(lastCommit().getFullMessage()).isEqualTo("Add hello.txt\n");
            assertThat(Files.readString(repo.dir().resolve("hello.txt"))).isEqualTo("hello\n");
            assertThat(new ResponsesConversation(model.requests().get(0)).toolNames()).contains("exec_command");
            assertOnlyLoopbackWasUsed(model);
        }
    }

    @Test
    void liar_claims_done_without_any_tool_call_or_commit() throws Exception {
        try (ResponsesStandIn model = new ResponsesStandIn(ResponsesScenario.LIAR)) {
            String before = lastCommit().getName();

            CodexCliRunner.Result result = start(run(model), "Write hello.txt and commit it.");

            assertThat(result.turnEnded()).isEqualTo(new WorkerEvent.TurnEnded(true, ResponsesScenario.LIAR_CLAIM, 1));
            assertThat(result.events()).noneMatch(WorkerEvent.ToolCall.class::isInstance);
            assertThat(lastCommit().getName()).isEqualTo(before);
        }
    }

    @Test
    void asker_ends_its_turn_with_the_question_and_the_answer_resumes_the_same_session_which_then_commits()
            throws Exception {
        try (ResponsesStandIn model = new ResponsesStandIn(ResponsesScenario.ASKER)) {
            AgentRun run = run(model);
            String before = lastCommit().getName();

            CodexCliRunner.Result asked = start(run, "Clean up the schema.");

            assertThat(asked.events()).contains(new WorkerEvent.Usage(ResponsesStandIn.INPUT_TOKENS,
                    ResponsesStandIn.OUTPUT_TOKENS, null));
            assertThat(asked.turnEnded()).isEqualTo(new WorkerEvent.TurnEnded(true, ResponsesScenario.QUESTION, 1));
            assertThat(lastCommit().getName()).isEqualTo(before);

            String session = asked.sessionId();
            List<String> resume = adapter.resume(run, session, "keep it").orElseThrow();
            CodexCliRunner.Result answered = CodexCliRunner.run(adapter, run, resume, tmp.resolve("home"), egress.url());

            assertThat(answered.exitCode()).as(answered.stderr()).isZero();
            assertThat(answered.sessionId()).isEqualTo(session);
            ResponsesConversation resumed = new ResponsesConversation(model.requests().get(1));
            assertThat(resumed.texts("assistant")).contains(ResponsesScenario.QUESTION);
            assertThat(resumed.texts("user")).anyMatch(t -> t.contains("Clean up the schema."))
                    .anyMatch(t -> t.contains("keep it"));
            assertThat(answered.events()).contains(new WorkerEvent.ToolCall("shell", ResponsesScenario.ASKER_COMMAND));
            assertThat(answered.turnEnded()).isEqualTo(new WorkerEvent.TurnEnded(true, ResponsesScenario.ASKER_CLAIM, 1));
            assertThat(answered.events()).as("the resumed run's own two requests, not the thread's total")
                    .contains(new WorkerEvent.Usage(2 * ResponsesStandIn.INPUT_TOKENS, 2 * ResponsesStandIn.OUTPUT_TOKENS,
                            null));
            assertThat(lastCommit().getFullMessage()).isEqualTo("Keep the legacy table\n");
            assertOnlyLoopbackWasUsed(model);
        }
    }

    @Test
    void model_api_failing_ends_the_turn_unsuccessfully_with_the_error() throws Exception {
        try (ResponsesStandIn model = new ResponsesStandIn(ResponsesScenario.failing(500))) {
            AgentRun run = new AgentRun(codex.toString(),
                    List.of("-m", "stand-in", "-c", "model_providers.czar.request_max_retries=0",
                            "-c", "model_providers.czar.stream_max_retries=0"),
                    repo.dir(), tmp.resolve("config"), providerEnv(model));

            CodexCliRunner.Result result = start(run, "Write hello.txt and commit it.");

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.turnEnded().success()).isFalse();
            assertThat(result.turnEnded().text()).isNotBlank();
        }
    }

    @Test
    void killing_a_stuck_worker_ends_codex_and_the_command_it_is_running() throws Exception {
        try (ResponsesStandIn model = new ResponsesStandIn(ResponsesScenario.STUCK)) {
            AgentRun run = run(model);

            CodexCliRunner.Result result = CodexCliRunner.run(adapter, run, adapter.start(run, "Wait for the build."),
                    tmp.resolve("home"), egress.url(), e -> e.equals(
                            new WorkerEvent.ToolCall("shell", ResponsesScenario.STUCK_COMMAND)), "/sleep");

            assertThat(result.killed()).as("the tree when killed")
                    .anyMatch(k -> k.command().endsWith("/sleep"));
            for (CodexCliRunner.Killed k : result.killed()) {
                k.process().onExit().get(10, TimeUnit.SECONDS);
                assertThat(k.process().isAlive()).as(k.command()).isFalse();
            }
            assertThat(result.turnEnded().success()).isFalse();
        }
    }

    private AgentRun run(ResponsesStandIn model) {
        return new AgentRun(codex.toString(), List.of("-m", "stand-in"), repo.dir(), tmp.resolve("config"),
                providerEnv(model));
    }

    private static Map<String, String> providerEnv(ResponsesStandIn model) {
        return Map.of("OPENAI_BASE_URL", model.baseUrl(), "OPENAI_API_KEY", "sk-test-not-a-real-key");
    }

    private CodexCliRunner.Result start(AgentRun run, String task) throws IOException, InterruptedException {
        return CodexCliRunner.run(adapter, run, adapter.start(run, task), tmp.resolve("home"), egress.url());
    }

    private RevCommit lastCommit() throws Exception {
        return repo.git().log().setMaxCount(1).call().iterator().next();
    }

    private void assertOnlyLoopbackWasUsed(ResponsesStandIn model) throws InterruptedException {
        Thread.sleep(200); // a background sync started late would connect now; the trap records its first line
        List<String> seen = new ArrayList<>(egress.attempts());
        assertThat(seen).as("connections beyond loopback").isEmpty();
        assertThat(model.unexpected()).as("requests other than POST /responses").isEmpty();
    }
}
