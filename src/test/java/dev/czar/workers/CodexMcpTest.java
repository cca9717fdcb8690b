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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    private boolean noticed(String text) {
        synchronized (fleet.notices) {
            return fleet.notices.stream().anyMatch(n -> n.contains(text));
        }
    }

    @Test
    void should_let_a_codex_worker_see_the_fleet_be_refused_fix_and_pass_the_gate_in_one_session() throws Exception {
        // given a Codex worker with czar's MCP server, and another live workstream on the same kind of task
        model = new ResponsesStandIn(ResponsesScenario.MCP);
        Map<String, String> env = Map.of("OPENAI_BASE_URL", model.baseUrl(), "OPENAI_API_KEY", "sk-test-not-a-real-key",
                "GIT_AUTHOR_NAME", "codex worker", "GIT_AUTHOR_EMAIL", "codex@example.com",
                "GIT_COMMITTER_NAME", "codex worker", "GIT_COMMITTER_EMAIL", "codex@example.com");
        List<String> args = List.of("-m", "stand-in", "-c", "model_providers.czar.request_max_retries=0",
                "-c", "model_providers.czar.stream_max_retries=0");
        fleet = new Fleet(tmp, Map.of("agent", "codex", "command", List.of(),
                "agents", Map.of("codex", new AgentSettings(codex.toString(), args, env))), true);
        fleet.workers.serveMcp(McpLaunch.command(new McpConfig(null, null, null, null), fleet.home, fleet.repo.dir(), null));
        fleet.launch("fix-auth", "Fix the login token refresh in the auth service\n");
        fleet.workers.launch("login-rework", "Rework the login token refresh in the auth service\n",
                0, "fix-auth", "local:test", "cli", null);

        // when
        fleet.await("fix-auth", w -> w.state() == VERIFYING && fleet.workers.store().latestGate("fix-auth").size() > 1,
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
        List<WorkstreamEvent> events = fleet.workers.store().events("fix-auth", 100);
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
