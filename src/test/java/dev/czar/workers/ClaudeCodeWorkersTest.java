package dev.czar.workers;

import dev.czar.config.AgentSettings;
import dev.czar.testsupport.AgentClis;
import dev.czar.testsupport.AnthropicStandIn;
import dev.czar.testsupport.AnthropicStandIn.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
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
 * The real Claude Code CLI (pinned, installed by .ci/install-agents) as czar's worker, supervised by czar's real
 * supervisor on a temp repository, its model an in-process Anthropic Messages stand-in.
 */
class ClaudeCodeWorkersTest {
    @TempDir
    Path tmp;
    Path claude;
    AnthropicStandIn model;
    Fleet fleet;

    @BeforeEach
    void setUp() {
        claude = AgentClis.require("claude");
        model = AnthropicStandIn.start();
    }

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
        if (model != null) { // null when set-up skipped: the claude CLI is not installed here
            model.close();
        }
    }

    private Fleet fleet(Map<String, Object> more) {
        return new Fleet(tmp, claudeCodeWorkers(claude, model, more));
    }

    /** Workers settings running the real Claude Code CLI against the model stand-in, plus {@code more}. */
    static Map<String, Object> claudeCodeWorkers(Path claude, AnthropicStandIn model, Map<String, Object> more) {
        Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", model.baseUrl(),
                "ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key",
                "CLAUDE_CODE_MAX_RETRIES", "0",
                "GIT_AUTHOR_NAME", "claude worker", "GIT_AUTHOR_EMAIL", "claude@example.com",
                "GIT_COMMITTER_NAME", "claude worker", "GIT_COMMITTER_EMAIL", "claude@example.com");
        Map<String, Object> o = new HashMap<>(Map.of("agent", "claude-code", "command", List.of(),
                "agents", Map.of("claude-code", new AgentSettings(claude.toString(), List.of(), env))));
        o.putAll(more);
        return o;
    }

    private AgentSessions.AgentSession session(String name) {
        return fleet.workers.agentSessions().get(name);
    }

    @Test
    void should_take_an_honest_claude_code_worker_with_its_commit_to_the_gate_and_keep_its_session_and_cost() {
        // given
        fleet = fleet(Map.of());
        fleet.launch("honest", "Fix the login\nscenario: honest\n");

        // when
        Workstream ws = fleet.await("honest", w -> w.state() == VERIFYING
                && fleet.workers.history().latestGate("honest").size() > 1, Fleet.PATIENCE, "verifying, gated");

        // then its commit passed the gate's commits item, and czar kept what the agent reported
        assertThat(fleet.workers.history().latestGate("honest")).filteredOn(i -> i.item().equals("commits"))
                .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(GateItem.Status.PASS));
        assertThat(fleet.workers.history().events("honest", 20)).anySatisfy(e ->
                assertThat(e.reason()).contains("the agent claimed done in its final message: \"CZAR_DONE: login fixed\""));
        AgentSessions.AgentSession session = session("honest");
        assertThat(session.agent()).isEqualTo("claude-code");
        assertThat(session.sessionId()).matches("[0-9a-f-]{36}");
        assertThat(session.turns()).isEqualTo(2);
        assertThat(session.inputTokens()).isPositive();
        assertThat(session.outputTokens()).isPositive();
        assertThat(session.costUsd()).isGreaterThan(BigDecimal.ZERO);
        assertThat(session.lastTool()).startsWith("Bash echo fixed > login.txt");
        assertThat(ws.pid()).isNull();
        assertThat(model.unknown()).isEmpty();
        assertThat(model.messages(Scenario.HONEST)).hasSize(2)
                .allSatisfy(r -> assertThat(r.json().path("stream").asBoolean()).isTrue());
    }

    @Test
    void should_refuse_a_lying_claude_code_worker_and_resume_its_session_for_every_fix_round() {
        // given
        fleet = fleet(Map.of("max-fix-rounds", 2));
        fleet.launch("liar", "Fix the login\nscenario: liar\n");

        // when
        Workstream ws = fleet.await("liar", w -> w.state() == FAILED, Fleet.PATIENCE, "failed");

        // then the gate refused it three times; rounds 1 and 2 continued the same session with the failures
        assertThat(ws.reason()).contains("done refused, no fix rounds left").contains("FAIL commits");
        String sessionId = session("liar").sessionId();
        assertThat(fleet.workers.history().events("liar", 100)).filteredOn(e -> e.reason().contains("resuming session " + sessionId))
                .hasSize(2);
        List<AnthropicStandIn.Request> asked = model.messages(Scenario.LIAR);
        assertThat(asked).hasSize(3);
        assertThat(asked.get(2).body()).contains("your claim of done was refused (fix round 2 of 2)")
                .contains("your claim of done was refused (fix round 1 of 2)")
                .contains("Everything is fixed and tested.");
        assertThat(asked.get(2).json().path("messages").size()).isGreaterThan(asked.get(0).json().path("messages").size());
        assertThat(session("liar").turns()).isEqualTo(3);
        assertThat(fleet.workers.agentUsage("user")).singleElement().satisfies(sum -> {
            assertThat(sum.key()).isEqualTo("local:test");
            assertThat(sum.runs()).isEqualTo(3);
            assertThat(sum.costUsd()).isEqualByComparingTo(session("liar").costUsd());
        });
        assertThat(new FleetAnswers(fleet.workers).answer("how much did the workers cost?", new dev.czar.chat.EvidenceLog()))
                .hasValueSatisfying(a -> assertThat(a).contains("per workstream:\n    liar: 3 run(s), tokens 360 in / 90 out, $")
                        .contains("per user:\n    local:test: 3 run(s)").contains("per day:"));
    }

    @Test
    void should_wait_for_an_answer_when_claude_code_ends_its_turn_with_a_question_and_resume_the_session_with_it() {
        // given
        fleet = fleet(Map.of());
        fleet.launch("asker", "Write the users migration\nscenario: asker\n");

        // when its turn ends with a question
        Workstream waiting = fleet.await("asker", NEEDS_INPUT);

        // then it waits, with its question, without a process, and it was never a claim of done
        assertThat(waiting.reason()).isEqualTo("asks: " + AnthropicStandIn.QUESTION);
        assertThat(waiting.holdsProcess()).isFalse();
        assertThat(fleet.history("asker")).containsExactly(QUEUED, RUNNING, NEEDS_INPUT);
        assertThat(fleet.notices).anySatisfy(n -> assertThat(n).startsWith("asker: is waiting for an answer: \""
                + AnthropicStandIn.QUESTION));
        String sessionId = session("asker").sessionId();

        // when the operator answers
        assertThat(fleet.workers.reply("asker", "keep it", "local:op").line()).contains("its agent session resumes with it");
        Workstream ws = fleet.await("asker", w -> w.state() == VERIFYING
                && fleet.workers.history().latestGate("asker").size() > 1, Fleet.PATIENCE, "verifying, gated");

        // then the same session went on: the model saw its earlier question next to the answer
        assertThat(session("asker").sessionId()).isEqualTo(sessionId);
        assertThat(fleet.workers.history().events("asker", 50)).anySatisfy(e ->
                assertThat(e.reason()).contains("resuming session " + sessionId));
        assertThat(model.messages(Scenario.ASKER)).anySatisfy(r ->
                assertThat(r.body()).contains("keep it").contains("Should I drop the legacy table or keep it?"));
        assertThat(fleet.workers.history().latestGate("asker")).filteredOn(i -> i.item().equals("commits"))
                .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(GateItem.Status.PASS));
        assertThat(fleet.history("asker")).containsSubsequence(NEEDS_INPUT, QUEUED, RUNNING, VERIFYING);
        assertThat(ws.fixRounds()).isZero();
    }

    @Test
    void should_wait_for_a_human_when_a_denied_tool_blocked_the_work() {
        // given
        fleet = fleet(Map.of());
        fleet.launch("denied", "Import the schema\nscenario: denied\n");

        // when
        Workstream ws = fleet.await("denied", NEEDS_INPUT);

        // then
        assertThat(ws.reason()).startsWith("asks: its tools were denied: Bash(curl -s -o schema.sql http://127.0.0.1:9/schema.sql)");
        assertThat(ws.fixRounds()).isZero();
    }

    @Test
    void should_retry_then_fail_a_claude_code_worker_whose_model_api_fails() {
        // given
        fleet = fleet(Map.of("max-retries", 1));
        fleet.launch("failing", "Fix the login\nscenario: failing\n");

        // when
        Workstream ws = fleet.await("failing", FAILED);

        // then
        assertThat(ws.reason()).contains("the agent exited with code 1").contains("no retries left");
        assertThat(fleet.history("failing")).containsExactly(QUEUED, RUNNING, QUEUED, RUNNING, FAILED);
    }

    @Test
    void should_end_the_whole_process_group_of_a_killed_claude_code_worker() {
        // given a worker running a command that never ends
        fleet = fleet(Map.of());
        fleet.launch("stuck", "Fix the login\nscenario: stuck\n");
        Workstream running = fleet.await("stuck", w -> w.state() == RUNNING && w.pid() != null
                && ProcessHandle.of(w.pid()).map(p -> p.descendants().anyMatch(d -> d.info().commandLine()
                .orElse("").contains("sleep 600"))).orElse(false), Fleet.PATIENCE, "running its endless command");
        ProcessHandle agent = ProcessHandle.of(running.pid()).orElseThrow();
        List<ProcessHandle> family = agent.descendants().toList();

        // when
        fleet.workers.kill("stuck", "local:op");
        fleet.workers.supervisor().tick();

        // then the agent and every process it started are gone (a zombie is reaped in a moment)
        assertThat(family).isNotEmpty();
        fleet.await("stuck", w -> !ProcessGroups.running(agent) && family.stream().noneMatch(ProcessGroups::running),
                java.time.Duration.ofSeconds(30), "without processes");
        assertThat(fleet.workers.supervisor().runningHere()).isEmpty();
    }
}
