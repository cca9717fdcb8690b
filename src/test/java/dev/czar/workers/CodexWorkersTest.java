package dev.czar.workers;

import dev.czar.config.AgentSettings;
import dev.czar.testsupport.AgentClis;
import dev.czar.testsupport.ResponsesConversation;
import dev.czar.testsupport.ResponsesScenario;
import dev.czar.testsupport.ResponsesStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Codex CLI (pinned, installed by .ci/install-agents) as czar's worker, supervised by czar's real supervisor
 * on a temp repository, its model an in-process OpenAI Responses API stand-in. Codex reports tokens (as the thread's
 * running total) and never a cost; its session is a thread resumed with {@code codex exec resume}.
 */
class CodexWorkersTest {
    @TempDir
    Path tmp;
    Path codex;
    ResponsesStandIn model;
    Fleet fleet;

    @BeforeEach
    void setUp() {
        codex = AgentClis.require("codex");
    }

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private Fleet fleet(ResponsesScenario scenario, Map<String, Object> more) throws IOException {
        model = new ResponsesStandIn(scenario);
        Map<String, String> env = Map.of("OPENAI_BASE_URL", model.baseUrl(),
                "OPENAI_API_KEY", "sk-test-not-a-real-key",
                "GIT_AUTHOR_NAME", "codex worker", "GIT_AUTHOR_EMAIL", "codex@example.com",
                "GIT_COMMITTER_NAME", "codex worker", "GIT_COMMITTER_EMAIL", "codex@example.com");
        List<String> args = List.of("-m", "stand-in", "-c", "model_providers.czar.request_max_retries=0",
                "-c", "model_providers.czar.stream_max_retries=0");
        Map<String, Object> o = new HashMap<>(Map.of("agent", "codex", "command", List.of(),
                "agents", Map.of("codex", new AgentSettings(codex.toString(), args, env))));
        o.putAll(more);
        return new Fleet(tmp, o);
    }

    private AgentSessions.AgentSession session(String name) {
        return fleet.workers.agentSessions().get(name);
    }

    private List<ResponsesConversation> conversations() {
        return model.requests().stream().map(ResponsesConversation::new).toList();
    }

    @Test
    void should_take_an_honest_codex_worker_with_its_commit_to_the_gate_and_keep_its_thread_and_tokens()
            throws IOException {
        // given
        fleet = fleet(ResponsesScenario.HONEST, Map.of());
        fleet.launch("honest", "Write hello.txt and commit it\n");

        // when
        Workstream ws = fleet.await("honest", w -> w.state() == VERIFYING
                && fleet.workers.history().latestGate("honest").size() > 1, Fleet.PATIENCE, "verifying, gated");

        // then its commit passed the gate's commits item, and czar kept what the agent reported
        assertThat(fleet.workers.history().latestGate("honest")).filteredOn(i -> i.item().equals("commits"))
                .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(GateItem.Status.PASS));
        assertThat(fleet.workers.history().events("honest", 20)).anySatisfy(e -> assertThat(e.reason())
                .contains("the agent claimed done in its final message: \"" + ResponsesScenario.HONEST_CLAIM + "\""));
        AgentSessions.AgentSession session = session("honest");
        assertThat(session.agent()).isEqualTo("codex");
        assertThat(session.sessionId()).matches("[0-9a-f-]{36}");
        assertThat(session.inputTokens()).isEqualTo(2L * ResponsesStandIn.INPUT_TOKENS);
        assertThat(session.outputTokens()).isEqualTo(2L * ResponsesStandIn.OUTPUT_TOKENS);
        assertThat(session.costUsd()).as("Codex reports no cost").isNull();
        assertThat(session.lastTool()).isEqualTo("shell " + ResponsesScenario.HONEST_COMMAND);
        assertThat(ws.pid()).isNull();
        assertThat(model.unexpected()).isEmpty();
        assertThat(conversations().get(0).texts("user")).anySatisfy(t -> assertThat(t)
                .contains("Write hello.txt and commit it").contains("CZAR_DONE: <one-line summary>"));
    }

    @Test
    void should_refuse_a_lying_codex_worker_and_resume_its_thread_for_every_fix_round() throws IOException {
        // given
        fleet = fleet(ResponsesScenario.LIAR, Map.of("max-fix-rounds", 2));
        fleet.launch("liar", "Write hello.txt and commit it\n");

        // when
        Workstream ws = fleet.await("liar", w -> w.state() == FAILED, Fleet.PATIENCE, "failed");

        // then the gate refused it three times; rounds 1 and 2 continued the same thread with the failures
        assertThat(ws.reason()).contains("done refused, no fix rounds left").contains("FAIL commits");
        String thread = session("liar").sessionId();
        assertThat(fleet.workers.history().events("liar", 100))
                .filteredOn(e -> e.reason().contains("resuming session " + thread)).hasSize(2);
        List<ResponsesConversation> asked = conversations();
        assertThat(asked).hasSize(3);
        assertThat(String.join("\n", asked.get(2).texts("user")))
                .contains("your claim of done was refused (fix round 2 of 2)")
                .contains("your claim of done was refused (fix round 1 of 2)")
                .contains("Write hello.txt and commit it");
        assertThat(asked.get(2).texts("assistant")).filteredOn(ResponsesScenario.LIAR_CLAIM::equals).hasSize(2);
        assertThat(session("liar").turns()).isEqualTo(3);
        assertThat(session("liar").inputTokens()).as("each run's own request, not the thread's running total")
                .isEqualTo(3L * ResponsesStandIn.INPUT_TOKENS);
        assertThat(fleet.workers.agentUsage("workstream")).singleElement().satisfies(sum -> {
            assertThat(sum.runs()).isEqualTo(3);
            assertThat(sum.outputTokens()).isEqualTo(3L * ResponsesStandIn.OUTPUT_TOKENS);
            assertThat(sum.costUsd()).isNull();
        });
    }

    @Test
    void should_wait_for_an_answer_when_codex_ends_its_turn_with_a_question_and_resume_the_thread_with_it()
            throws IOException {
        // given
        fleet = fleet(ResponsesScenario.ASKER, Map.of());
        fleet.launch("asker", "Clean up the schema\n");

        // when its turn ends with a question
        Workstream waiting = fleet.await("asker", NEEDS_INPUT);

        // then it waits, with its question, without a process, and it was never a claim of done
        assertThat(waiting.reason()).isEqualTo("asks: " + ResponsesScenario.QUESTION);
        assertThat(waiting.holdsProcess()).isFalse();
        assertThat(fleet.history("asker")).containsExactly(QUEUED, RUNNING, NEEDS_INPUT);
        assertThat(fleet.notices).anySatisfy(n -> assertThat(n).startsWith("asker: is waiting for an answer: \""
                + ResponsesScenario.QUESTION));
        String thread = session("asker").sessionId();

        // when the operator answers
        assertThat(fleet.workers.reply("asker", "keep it", "local:op").line()).contains("its agent session resumes with it");
        Workstream ws = fleet.await("asker", w -> w.state() == VERIFYING
                && fleet.workers.history().latestGate("asker").size() > 1, Fleet.PATIENCE, "verifying, gated");

        // then the same thread went on: the model saw its earlier question next to the answer
        assertThat(session("asker").sessionId()).isEqualTo(thread);
        assertThat(fleet.workers.history().events("asker", 50)).anySatisfy(e ->
                assertThat(e.reason()).contains("resuming session " + thread));
        assertThat(conversations()).anySatisfy(c -> {
            assertThat(c.texts("assistant")).contains(ResponsesScenario.QUESTION);
            assertThat(c.texts("user")).anySatisfy(t -> assertThat(t).contains("keep it"));
        });
        assertThat(fleet.workers.history().latestGate("asker")).filteredOn(i -> i.item().equals("commits"))
                .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(GateItem.Status.PASS));
        assertThat(fleet.history("asker")).containsSubsequence(NEEDS_INPUT, QUEUED, RUNNING, VERIFYING);
        assertThat(ws.fixRounds()).isZero();
        assertThat(session("asker").inputTokens()).as("3 requests over two runs, the thread's total counted once")
                .isEqualTo(3L * ResponsesStandIn.INPUT_TOKENS);
    }

    @Test
    void should_retry_then_fail_a_codex_worker_whose_model_api_fails() throws IOException {
        // given
        fleet = fleet(ResponsesScenario.failing(500), Map.of("max-retries", 1));
        fleet.launch("failing", "Write hello.txt and commit it\n");

        // when
        Workstream ws = fleet.await("failing", FAILED);

        // then
        assertThat(ws.reason()).contains("the agent exited with code 1").contains("no retries left");
        assertThat(fleet.history("failing")).containsExactly(QUEUED, RUNNING, QUEUED, RUNNING, FAILED);
    }

    @Test
    void should_end_the_whole_process_tree_of_a_killed_codex_worker_including_its_sandboxed_command()
            throws IOException {
        // given a worker whose sandboxed command never ends in time
        fleet = fleet(ResponsesScenario.STUCK, Map.of());
        fleet.launch("stuck", "Wait for the build\n");
        Workstream running = fleet.await("stuck", w -> w.state() == RUNNING && w.pid() != null
                && ProcessHandle.of(w.pid()).map(p -> p.descendants().anyMatch(d -> argv(d).equals("sleep 300")))
                .orElse(false), Fleet.PATIENCE, "running its endless command");
        ProcessHandle agent = ProcessHandle.of(running.pid()).orElseThrow();
        List<ProcessHandle> family = agent.descendants().toList();

        // when
        fleet.workers.kill("stuck", "local:op");
        fleet.workers.supervisor().tick();

        // then codex, its sandbox and the command inside it are gone (a zombie is reaped in a moment), though
        // Codex started them in sessions of their own, out of reach of a signal to the worker's process group
        assertThat(family).as("processes outside the worker's session").anyMatch(p -> session(p) != session(agent));
        fleet.await("stuck", w -> !agent.isAlive() && family.stream().noneMatch(ProcessGroups::running),
                Duration.ofSeconds(5), "without processes");
        assertThat(fleet.workers.supervisor().runningHere()).isEmpty();
    }

    /** The command line from /proc: a sandboxed process's executable is not readable, its arguments are. */
    private static String argv(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The session id (field 6 of /proc/PID/stat), or -1 once it ended. */
    private static long session(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
        } catch (IOException e) {
            return -1;
        }
    }
}
