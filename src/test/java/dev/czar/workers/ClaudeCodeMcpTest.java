package dev.czar.workers;

import dev.czar.config.AgentSettings;
import dev.czar.config.McpConfig;
import dev.czar.mcp.McpLaunch;
import dev.czar.testsupport.AgentClis;
import dev.czar.testsupport.AnthropicStandIn;
import dev.czar.testsupport.AnthropicStandIn.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * issue 21 end to end: the real Claude Code CLI as czar's worker, given {@code czar mcp} (a real child czar on the
 * same home), its model a stand-in whose script calls czar's tools: it sees the fleet, is refused by claim_done
 * before committing, commits, reports progress and passes claim_done, all in one session.
 */
class ClaudeCodeMcpTest {
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

    private void fleetWithMcp() {
        Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", model.baseUrl(),
                "ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key", "CLAUDE_CODE_MAX_RETRIES", "0",
                "GIT_AUTHOR_NAME", "claude worker", "GIT_AUTHOR_EMAIL", "claude@example.com",
                "GIT_COMMITTER_NAME", "claude worker", "GIT_COMMITTER_EMAIL", "claude@example.com");
        fleet = new Fleet(tmp, Map.of("agent", "claude-code", "command", List.of(),
                "agents", Map.of("claude-code", new AgentSettings(claude.toString(), List.of(), env))), true, (f, wiring) ->
                wiring.mcpCommand(McpLaunch.command(new McpConfig(null, null, null, null), f.home, f.repo.dir(), null)));
    }

    @Test
    void should_let_a_claude_code_worker_ask_a_human_through_czar_and_go_on_with_the_answer_in_the_same_turn() {
        // given
        fleetWithMcp();
        fleet.launch("asker", "Write the users migration\nscenario: mcp_asker\n");

        // when it asks through ask_human, the thread is told, and a human answers with reply
        fleet.await("asker", NEEDS_INPUT);
        fleet.await("asker", w -> fleet.notices.contains("asker: is waiting for an answer: \"" + AnthropicStandIn.QUESTION
                + "\" (answer in this thread, or '/czar reply asker <answer>')"), Fleet.PATIENCE, "announced");
        fleet.workers.reply("asker", "keep the legacy table", "local:alice");
        fleet.await("asker", w -> w.state() == VERIFYING && fleet.workers.history().latestGate("asker").size() > 1,
                Fleet.PATIENCE, "verifying, gated");

        // then the answer was the tool's result, in the same session and turn (one run, never NEEDS_INPUT without it)
        List<AnthropicStandIn.Request> asked = model.messages(Scenario.MCP_ASKER);
        assertThat(AnthropicStandIn.toolResultTexts(asked.get(asked.size() - 1).json()).get(0))
                .contains("\"answered\":true").contains("\"answer\":\"keep the legacy table\"");
        assertThat(fleet.history("asker")).startsWith(QUEUED, RUNNING, NEEDS_INPUT, RUNNING, VERIFYING);
        assertThat(fleet.workers.agentSessions().get("asker").turns()).isEqualTo(3);
    }

    @Test
    void should_let_a_claude_code_worker_see_the_fleet_be_refused_fix_and_pass_the_gate_in_one_session() {
        // given a worker with czar's MCP server, and another live workstream on the same kind of task
        fleetWithMcp();
        fleet.launch("fix-auth", "Fix the login token refresh in the auth service\nscenario: mcp\n");
        fleet.workers.launch("login-rework", "Rework the login token refresh in the auth service\nscenario: honest\n",
                0, "fix-auth", "local:test", "cli", null);

        // when
        fleet.await("fix-auth", w -> w.state() == VERIFYING && fleet.workers.history().latestGate("fix-auth").size() > 1,
                Fleet.PATIENCE.multipliedBy(2), "verifying, gated");

        // then the model was told the fleet, the refusal and the pass as its tool results, in one conversation
        List<AnthropicStandIn.Request> asked = model.messages(Scenario.MCP);
        List<String> results = AnthropicStandIn.toolResultTexts(asked.get(asked.size() - 1).json());
        assertThat(results).as("tool results the model saw").hasSize(5);
        assertThat(results.get(0)).contains("\"name\":\"login-rework\"").contains("\"state\":\"BLOCKED\"")
                .contains("\"close_to_you\":[\"login-rework\"]");
        assertThat(results.get(1)).contains("\"verdict\":\"FAIL\"").contains("\"item\":\"commits\",\"status\":\"FAIL\"");
        assertThat(results.get(3)).contains("\"recorded\":true");
        assertThat(results.get(4)).contains("\"verdict\":\"PASS_AWAITING_MERGE\"");
        // and czar recorded every call in the workstream's history, as the worker
        List<WorkstreamEvent> events = fleet.workers.history().events("fix-auth", 100);
        assertThat(events).filteredOn(e -> "worker:fix-auth".equals(e.actor())).extracting(WorkstreamEvent::reason)
                .anySatisfy(r -> assertThat(r).startsWith("fleet_status: saw 1 other live workstream(s); close to this one: login-rework"))
                .anySatisfy(r -> assertThat(r).startsWith("claim_done \"nothing yet\": refused"))
                .contains("progress: done: committed work.txt; next: claim done again")
                .anySatisfy(r -> assertThat(r).startsWith("claim_done \"work committed\": passed, waiting for a merge"));
        // the session as docs/EVIDENCE.md shows it (surefire keeps this output)
        System.out.println("== czar workers fix-auth\n" + new FleetAnswers(fleet.workers).overview("fix-auth",
                new dev.czar.chat.EvidenceLog()) + "\n== history\n" + String.join("\n", events.stream()
                .map(e -> e.actor() + ": " + e.reason()).toList()) + "\n== tool results the model saw\n"
                + String.join("\n", results));
        assertThat(asked.get(0).body()).contains("czar gave you an MCP server named czar"); // prompts/worker-preamble.md
        assertThat(model.unknown()).isEmpty();
    }
}
