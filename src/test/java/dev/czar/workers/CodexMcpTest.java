package dev.czar.workers;

import dev.czar.config.AgentSettings;
import dev.czar.config.McpConfig;
import dev.czar.mcp.McpLaunch;
import dev.czar.testsupport.AgentClis;
import dev.czar.testsupport.ResponsesConversation;
import dev.czar.testsupport.ResponsesScenario;
import dev.czar.testsupport.ResponsesStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * issue 21 with the real Codex CLI: {@code codex exec} given {@code czar mcp} (a real child czar on the same home)
 * through {@code -c mcp_servers.czar.*}, its model the Responses API stand-in whose script calls czar's tools as
 * Codex offers them (namespace {@code mcp__czar}): it sees the fleet, is refused by claim_done before committing,
 * commits and passes claim_done, all in one session, with no approval prompt.
 */
class CodexMcpTest {
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

    private void fleetWithMcp(ResponsesScenario scenario) throws java.io.IOException {
        fleetWithMcp(scenario, null);
    }

    /** {@code mcpConfig}: the czar.yaml the worker's {@code czar mcp} reads, or {@code null} for the defaults. */
    private void fleetWithMcp(ResponsesScenario scenario, Path mcpConfig) throws java.io.IOException {
        model = new ResponsesStandIn(scenario);
        Map<String, String> env = Map.of("OPENAI_BASE_URL", model.baseUrl(), "OPENAI_API_KEY", "sk-test-not-a-real-key",
                "GIT_AUTHOR_NAME", "codex worker", "GIT_AUTHOR_EMAIL", "codex@example.com",
                "GIT_COMMITTER_NAME", "codex worker", "GIT_COMMITTER_EMAIL", "codex@example.com");
        List<String> args = List.of("-m", "stand-in", "-c", "model_providers.czar.request_max_retries=0",
                "-c", "model_providers.czar.stream_max_retries=0");
        fleet = new Fleet(tmp, Map.of("agent", "codex", "command", List.of(),
                "agents", Map.of("codex", new AgentSettings(codex.toString(), args, env))), true, (f, wiring) -> wiring
                .mcpCommand(McpLaunch.command(new McpConfig(null, null, null, null), f.home, f.repo.dir(), mcpConfig)));
    }

    private boolean noticed(String text) {
        synchronized (fleet.notices) {
            return fleet.notices.stream().anyMatch(n -> n.contains(text));
        }
    }

    @Test
    void should_let_a_codex_worker_ask_a_human_through_czar_and_go_on_with_the_answer_in_the_same_turn() throws Exception {
        // given
        fleetWithMcp(ResponsesScenario.MCP_ASKER);
        fleet.launch("asker", "Write the users migration\n");

        // when it asks through ask_human, the thread is told, and a human answers with reply
        fleet.await("asker", NEEDS_INPUT);
        fleet.await("asker", w -> noticed("asker: is waiting for an answer: \"" + ResponsesScenario.QUESTION
                + "\" (answer in this thread, or '/czar reply asker <answer>')"), Fleet.PATIENCE, "announced");
        fleet.workers.reply("asker", "keep the legacy table", "local:alice");
        fleet.await("asker", w -> w.state() == VERIFYING && fleet.workers.history().latestGate("asker").size() > 1,
                Fleet.PATIENCE, "verifying, gated");

        // then the answer was ask_human's output, in the same session and turn (one run of codex exec, no resume)
        List<ResponsesConversation> asked = model.requests().stream().map(ResponsesConversation::new).toList();
        assertThat(asked.get(0).toolNames()).contains(ResponsesScenario.CZAR_TOOLS);
        List<String> results = asked.get(asked.size() - 1).toolOutputs();
        assertThat(results.get(0)).contains("\"answered\":true").contains("\"answer\":\"keep the legacy table\"");
        assertThat(fleet.history("asker")).startsWith(QUEUED, RUNNING, NEEDS_INPUT, RUNNING, VERIFYING);
        assertThat(fleet.workers.agentSessions().get("asker").turns()).isEqualTo(1);
        assertThat(model.unexpected()).isEmpty();
        // the session as docs/EVIDENCE.md shows it (surefire keeps this output)
        System.out.println("== history\n" + String.join("\n", fleet.workers.history().events("asker", 100).stream()
                .map(e -> e.actor() + ": " + (e.to() == null ? "" : e.to() + " ") + e.reason()).toList())
                + "\n== ask_human's output the model saw\n" + results.get(0));
    }

    @Test
    void should_resume_a_codex_session_with_an_answer_given_after_ask_humans_wait() throws Exception {
        // given a czar mcp that waits 2 s for an answer
        Path config = Files.writeString(tmp.resolve("mcp.yaml"), "mcp:\n  ask-wait: 2s\n", StandardCharsets.UTF_8);
        fleetWithMcp(ResponsesScenario.MCP_LATE_ASKER, config);
        fleet.launch("asker", "Write the users migration\n");

        // when the wait passes, the agent ends its turn, and only then a human answers
        fleet.await("asker", w -> w.state() == NEEDS_INPUT && noticed("its session resumes with it"),
                Fleet.PATIENCE, "waiting without a process");
        fleet.workers.reply("asker", "keep the legacy table", "local:alice");
        fleet.await("asker", w -> w.state() == VERIFYING && fleet.workers.history().latestGate("asker").size() > 1,
                Fleet.PATIENCE, "verifying, gated");

        // then ask_human told the model to end its turn, and codex exec resume brought the answer to the same thread
        List<ResponsesConversation> asked = model.requests().stream().map(ResponsesConversation::new).toList();
        ResponsesConversation last = asked.get(asked.size() - 1);
        assertThat(last.toolOutputs().get(0)).contains("\"answered\":false").contains("End your turn now");
        assertThat(last.texts("assistant")).contains(ResponsesScenario.ASKER_WAITS);
        assertThat(last.texts("user")).anySatisfy(t -> assertThat(t).contains("keep the legacy table"));
        assertThat(fleet.history("asker")).containsSubsequence(RUNNING, NEEDS_INPUT, QUEUED, RUNNING, VERIFYING);
        assertThat(fleet.workers.agentSessions().get("asker").turns()).isEqualTo(2);
        assertThat(model.unexpected()).isEmpty();
        System.out.println("== history\n" + String.join("\n", fleet.workers.history().events("asker", 100).stream()
                .map(e -> e.actor() + ": " + (e.to() == null ? "" : e.to() + " ") + e.reason()).toList())
                + "\n== ask_human's output the model saw\n" + last.toolOutputs().get(0)
                + "\n== the resumed turn's message\n" + last.texts("user").get(last.texts("user").size() - 1));
    }

    @Test
    void should_let_a_codex_worker_see_the_fleet_be_refused_fix_and_pass_the_gate_in_one_session() throws Exception {
        // given a Codex worker with czar's MCP server, and another live workstream on the same kind of task
        fleetWithMcp(ResponsesScenario.MCP);
        fleet.launch("fix-auth", "Fix the login token refresh in the auth service\n");
        fleet.workers.launch("login-rework", "Rework the login token refresh in the auth service\n",
                0, "fix-auth", "local:test", "cli", null);

        // when
        fleet.await("fix-auth", w -> w.state() == VERIFYING && fleet.workers.history().latestGate("fix-auth").size() > 1,
                Fleet.PATIENCE.multipliedBy(2), "verifying, gated");

        // then Codex offered czar's tools to the model, and returned their results to it, in one conversation
        List<ResponsesConversation> asked = model.requests().stream().map(ResponsesConversation::new).toList();
        assertThat(asked.get(0).toolNames()).contains(ResponsesScenario.CZAR_TOOLS);
        assertThat(asked.get(0).request().toString()).contains("\"name\":\"claim_done\"")
                .contains("\"name\":\"fleet_status\"");
        List<String> results = asked.get(asked.size() - 1).toolOutputs();
        assertThat(results).as("tool outputs the model saw").hasSize(4);
        assertThat(results.get(0)).contains("\"name\":\"login-rework\"").contains("\"close_to_you\":[\"login-rework\"]");
        assertThat(results.get(1)).contains("\"verdict\":\"FAIL\"").contains("no commits on czar/fix-auth");
        assertThat(results.get(3)).contains("\"verdict\":\"PASS_AWAITING_MERGE\"");
        // czar recorded every call as the worker's, and it was one session
        List<WorkstreamEvent> events = fleet.workers.history().events("fix-auth", 100);
        assertThat(events).filteredOn(e -> "worker:fix-auth".equals(e.actor())).extracting(WorkstreamEvent::reason)
                .anySatisfy(r -> assertThat(r).startsWith("fleet_status: saw 1 other live workstream(s); close to this one: login-rework"))
                .anySatisfy(r -> assertThat(r).startsWith("claim_done \"nothing yet\": refused"))
                .anySatisfy(r -> assertThat(r).startsWith("claim_done \"work committed\": passed, waiting for a merge"));
        assertThat(fleet.workers.agentSessions().get("fix-auth").turns()).isEqualTo(1);
        // the duplicate alert says it looked at the close workstream and went on (the fleet check runs every tick)
        fleet.await("fix-auth", w -> noticed("login-rework: possible duplicate work fix-auth <-> login-rework")
                && noticed("; fix-auth looked at login-rework's task (fleet_status) and continued anyway"),
                Fleet.PATIENCE, "told of the duplicate it saw");
        // each claim_done verdict was posted to the workstream's thread like a gate run, with its items
        List<String> told;
        synchronized (fleet.notices) {
            told = List.copyOf(fleet.notices);
        }
        assertThat(told).anySatisfy(n -> assertThat(n).startsWith("fix-auth: claim_done \"nothing yet\": refused (1 failed)")
                        .contains("\n  FAIL commits: no commits on czar/fix-auth"))
                .anySatisfy(n -> assertThat(n).startsWith("fix-auth: claim_done \"work committed\": passed, waiting for a merge")
                        .contains("\n  PASS commits"));
        assertThat(asked.get(0).texts("user")).anySatisfy(t -> assertThat(t).contains("czar gave you an MCP server named czar"));
        assertThat(model.unexpected()).isEmpty();
        // the session as docs/EVIDENCE.md shows it (surefire keeps this output)
        System.out.println("== thread\n" + String.join("\n", told) + "\n== history\n" + String.join("\n", events.stream().map(e -> e.actor() + ": " + e.reason())
                .toList()) + "\n== tool outputs the model saw\n" + String.join("\n", results));
    }
}
