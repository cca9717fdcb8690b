package dev.czar.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.czar.config.McpConfig;
import dev.czar.mcp.McpLaunch;
import dev.czar.store.AuditLog;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code czar mcp} as an agent sees it: a real child czar process on a real home (file H2, temp git repository),
 * spoken to with the MCP SDK's own client over stdio.
 */
class McpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Fleet fleet;
    final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fleet = new Fleet(tmp, Map.of("command", List.of()), true); // no worker process: the test plays the agent
        fleet.launch("fix-auth", "Fix the login token refresh in the auth service");
        fleet.launch("login-rework", "Rework the login token refresh in the auth service");
        fleet.launch("user-guide", "Write the user guide chapter on installing");
        String main = fleet.workers.headOf("main").orElseThrow();
        fleet.workers.store().transition("fix-auth", QUEUED, RUNNING, "test", "its agent runs",
                WorkstreamStore.set("base_sha", main));
    }

    @AfterEach
    void tearDown() {
        clients.forEach(McpSyncClient::closeGracefully);
        fleet.close();
    }

    private McpSyncClient connect(String token) throws Exception {
        return connect(token, "60s");
    }

    /** A worker's {@code czar mcp} server; {@code askWait} is how long its ask_human waits for a human's answer. */
    private McpSyncClient connect(String token, String askWait) throws Exception {
        Path config = tmp.resolve("czar-ask-wait-" + askWait + ".yaml");
        Files.writeString(config, "mcp:\n  ask-wait: " + askWait + "\n  max-input-chars: 500\n", StandardCharsets.UTF_8);
        List<String> command = McpLaunch.command(new McpConfig(null, null, null, null), fleet.home, fleet.repo.dir(), config);
        StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size())).env(Map.of("CZAR_MCP_TOKEN", token)).build(),
                new JacksonMcpJsonMapper(JSON));
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).build();
        clients.add(client);
        client.initialize();
        return client;
    }

    private static JsonNode call(McpSyncClient client, String tool, Map<String, Object> args) throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        assertThat(result.isError()).as("%s: %s", tool, result.content()).isFalse();
        return JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
    }

    private static String error(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        assertThat(result.isError()).as("%s should be refused", tool).isTrue();
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private List<String> events(String name) {
        return fleet.workers.history().events(name, 50).stream().map(WorkstreamEvent::reason).toList();
    }

    @Test
    void should_serve_its_workstream_the_fleet_progress_and_the_gate_verdict_before_and_after_a_commit() throws Exception {
        // given
        McpSyncClient client = connect(fleet.workers.mcpTokens().issue("fix-auth", 1));

        // when / then: the server is czar's, with its five tools and their schemas
        assertThat(client.getServerInfo().name()).isEqualTo("czar");
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder("fleet_status", "report_progress", "ask_human", "claim_done", "evidence");
        assertThat(tools).filteredOn(t -> t.name().equals("report_progress")).singleElement()
                .satisfies(t -> assertThat(t.inputSchema().get("required")).isEqualTo(List.of("done", "next")));

        // the fleet: the others, the look-alike first
        JsonNode fleetStatus = call(client, "fleet_status", Map.of());
        assertThat(fleetStatus.path("you").asText()).isEqualTo("fix-auth");
        assertThat(fleetStatus.path("others")).hasSize(2);
        assertThat(fleetStatus.path("others").get(0).path("name").asText()).isEqualTo("login-rework");
        assertThat(fleetStatus.path("others").get(0).path("close").asText()).contains("task texts are").contains("alike");
        assertThat(fleetStatus.path("others").get(1).path("close").isNull()).isTrue();
        assertThat(fleetStatus.path("close_to_you").toString()).isEqualTo("[\"login-rework\"]");

        // a checkpoint in its history
        call(client, "report_progress", Map.of("done", "read the token code", "next", "fix the expiry"));
        assertThat(events("fix-auth")).contains("progress: done: read the token code; next: fix the expiry");

        // claim_done before any commit: FAIL, a fix round counted, the worker still RUNNING
        JsonNode refused = call(client, "claim_done", Map.of("summary", "fixed it"));
        assertThat(refused.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(refused.path("items").get(0).path("item").asText()).isEqualTo("commits");
        assertThat(refused.path("items").get(0).path("status").asText()).isEqualTo("FAIL");
        assertThat(fleet.workers.find("fix-auth").orElseThrow().state()).isEqualTo(RUNNING);
        assertThat(fleet.workers.find("fix-auth").orElseThrow().fixRounds()).isEqualTo(1);

        // after a commit on its branch: passed, waiting for the merge
        String branch = fleet.workers.find("fix-auth").orElseThrow().branch();
        fleet.repo.branch(branch).checkout(branch);
        fleet.repo.commit("Fix the token refresh", Map.of("auth/Token.java", "class Token { int ttl = 3600; }\n"));
        fleet.repo.checkout("main");
        JsonNode passed = call(client, "claim_done", Map.of("summary", "token refresh fixed"));
        assertThat(passed.path("verdict").asText()).as(passed.toString()).isEqualTo("PASS_AWAITING_MERGE");
        assertThat(passed.path("items").toString()).contains("\"item\":\"commits\",\"status\":\"PASS\"");
        assertThat(events("fix-auth")).anySatisfy(e -> assertThat(e).startsWith("claim_done \"fixed it\": refused"))
                .anySatisfy(e -> assertThat(e).startsWith("claim_done \"token refresh fixed\": passed, waiting for a merge"))
                .anySatisfy(e -> assertThat(e).contains("close to this one: login-rework"));

        // every call audited with the worker as user
        assertThat(new AuditLog(fleet.db, Clock.systemUTC()).recent(20)).filteredOn(e -> e.channel().equals("mcp"))
                .allSatisfy(e -> assertThat(e.user()).isEqualTo("worker:fix-auth")).extracting(AuditLog.Entry::command)
                .containsExactlyInAnyOrder("fleet_status", "report_progress", "claim_done", "claim_done");
    }

    @Test
    void should_answer_evidence_questions_about_its_own_branch_read_only_and_refuse_commands() throws Exception {
        // given a commit on the worker's branch
        McpSyncClient client = connect(fleet.workers.mcpTokens().issue("fix-auth", 1));
        String branch = fleet.workers.find("fix-auth").orElseThrow().branch();
        fleet.repo.branch(branch).checkout(branch);
        fleet.repo.commit("Fix the token refresh", Map.of("auth/Token.java", "class Token { int ttl = 3600; }\n"));
        fleet.repo.checkout("main");

        // when / then: "my branch" is the worker's, answered from git by czar's own read-only path, with citations
        JsonNode ci = call(client, "evidence", Map.of("question", "is CI green on my branch?"));
        assertThat(ci.path("question").asText()).isEqualTo("is CI green on " + branch + "?");
        assertThat(ci.path("answer").asText()).contains("no test reports were imported for " + branch)
                .contains("no CI evidence for it");
        assertThat(ci.path("evidence").get(0).path("source").asText()).isEqualTo("git");
        assertThat(ci.path("evidence").get(0).path("detail").asText()).isEqualTo("head of " + branch);
        assertThat(ci.path("tools").toString()).contains("ci.test_reports");
        JsonNode conflicts = call(client, "evidence", Map.of("question", "which workstreams conflict?"));
        assertThat(conflicts.path("answer").asText()).contains("open workstream(s) (in-core merges of every active branch"
                + " with main and with each other)");

        // a command is refused, whatever its words, and changes nothing
        assertThat(error(client, "evidence", Map.of("question", "merge fix-auth")))
                .startsWith("czar: 'merge fix-auth' reads as a command");
        assertThat(error(client, "evidence", Map.of("question", "/czar kill login-rework")))
                .contains("reads as a command");
        assertThat(fleet.workers.find("login-rework").orElseThrow().state()).isEqualTo(QUEUED);
        assertThat(fleet.workers.find("fix-auth").orElseThrow().state()).isEqualTo(RUNNING);
        assertThat(new AuditLog(fleet.db, Clock.systemUTC()).recent(20)).filteredOn(e -> e.channel().equals("mcp"))
                .extracting(AuditLog.Entry::outcome).containsExactlyInAnyOrder("ok", "ok", "refused", "refused");
        // as docs/EVIDENCE.md shows it
        System.out.println("== evidence(\"is CI green on my branch?\")\n" + ci + "\n== evidence(\"which workstreams"
                + " conflict?\")\n" + conflicts + "\n== evidence(\"merge fix-auth\")\n"
                + error(client, "evidence", Map.of("question", "merge fix-auth")));
    }

    @Test
    void should_say_in_the_duplicate_alert_that_a_worker_saw_the_close_workstream_and_committed_anyway() throws Exception {
        // given the duplicate alert as the fleet check raises it before anyone looked
        McpSyncClient client = connect(fleet.workers.mcpTokens().issue("fix-auth", 1));
        fleet.workers.supervisor().tick();
        assertThat(fleet.workers.alerts()).extracting(WorkerAlert::line).singleElement().asString()
                .startsWith("possible duplicate work fix-auth <-> login-rework: task texts are")
                .doesNotContain("looked at");

        // when the worker looks at the fleet, is shown login-rework as close, and commits anyway
        call(client, "fleet_status", Map.of());
        fleet.workers.supervisor().tick();
        assertThat(fleet.workers.alerts()).extracting(WorkerAlert::line).singleElement().asString()
                .as("looking alone is not going on").doesNotContain("looked at");
        String branch = fleet.workers.find("fix-auth").orElseThrow().branch();
        fleet.repo.branch(branch).checkout(branch);
        fleet.repo.commit("Fix the token refresh", Map.of("auth/Token.java", "class Token { int ttl = 3600; }\n"));
        fleet.repo.checkout("main");
        fleet.workers.supervisor().tick();

        // then the alert says so, in both workstreams' histories and threads
        String said = "fix-auth looked at login-rework's task (fleet_status) and continued anyway";
        assertThat(fleet.workers.alerts()).extracting(WorkerAlert::line).singleElement().asString()
                .startsWith("possible duplicate work fix-auth <-> login-rework: task texts are").endsWith("; " + said);
        assertThat(events("login-rework")).anySatisfy(e -> assertThat(e).endsWith(said));
        synchronized (fleet.notices) {
            assertThat(fleet.notices).anySatisfy(n -> assertThat(n).startsWith("fix-auth: possible duplicate work")
                    .endsWith(said)).anySatisfy(n -> assertThat(n).startsWith("login-rework: possible duplicate work")
                    .endsWith(said));
        }
    }

    @Test
    void should_make_the_workstream_wait_for_a_human_and_return_the_answer_given_through_reply() throws Exception {
        // given
        String token = fleet.workers.mcpTokens().issue("fix-auth", 1);
        McpSyncClient client = connect(token);
        Thread human = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (fleet.workers.find("fix-auth").orElseThrow().state() != NEEDS_INPUT && System.nanoTime() < deadline) {
                Fleet.sleep(50);
            }
            fleet.workers.reply("fix-auth", "keep the old endpoint", "local:alice");
        });
        human.start();

        // when
        JsonNode answered = call(client, "ask_human", Map.of("question", "Should I keep the old endpoint?",
                "options", List.of("keep", "drop")));
        human.join();

        // then
        assertThat(answered.path("answered").asBoolean()).isTrue();
        assertThat(answered.path("answer").asText()).isEqualTo("keep the old endpoint");
        assertThat(fleet.history("fix-auth")).endsWith(NEEDS_INPUT, RUNNING);
        assertThat(events("fix-auth")).contains("asks: Should I keep the old endpoint? (options: keep | drop)");

        // and unanswered within mcp.ask-wait, it tells the agent to end its turn; the workstream keeps waiting
        JsonNode unanswered = call(connect(token, "2s"), "ask_human", Map.of("question", "Which port?"));
        assertThat(unanswered.path("answered").asBoolean()).isFalse();
        assertThat(unanswered.path("instruction").asText()).contains("End your turn now");
        assertThat(fleet.workers.find("fix-auth").orElseThrow().state()).isEqualTo(NEEDS_INPUT);
    }

    @Test
    void should_refuse_oversized_inputs_and_a_token_replaced_by_a_newer_attempt() throws Exception {
        // given
        McpSyncClient client = connect(fleet.workers.mcpTokens().issue("fix-auth", 1));

        // when / then: a question over mcp.max-input-chars is refused, nothing recorded
        assertThat(error(client, "ask_human", Map.of("question", "x".repeat(501))))
                .isEqualTo("czar: 'question' is 501 characters; at most 500 (mcp.max-input-chars)");
        assertThat(fleet.workers.find("fix-auth").orElseThrow().state()).isEqualTo(RUNNING);

        // a secret in a progress line is masked before czar stores it
        call(client, "report_progress", Map.of("done", "used key ghp_abcdefghijklmnopqrstuvwxyz0123456789", "next", "x"));
        assertThat(String.join("\n", events("fix-auth"))).doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789")
                .contains("[REDACTED:");

        // a newer attempt's token replaces this server's: every further call is refused
        fleet.workers.mcpTokens().issue("fix-auth", 2);
        assertThat(error(client, "fleet_status", Map.of())).contains("token is no longer current for fix-auth");
    }

    @Test
    void should_hand_opencode_its_config_with_czars_server_over_the_adapters_own(@TempDir Path bin) throws Exception {
        // given an "opencode" that only shows the environment czar started it with
        Path seen = bin.resolve("env.txt");
        Path opencode = bin.resolve("opencode");
        Files.writeString(opencode, "#!/bin/sh\nprintf '%s' \"$OPENCODE_CONFIG_CONTENT\" > " + seen + "\n");
        opencode.toFile().setExecutable(true);
        Fleet agents = new Fleet(tmp.resolve("opencode"), Map.of("agent", "opencode", "command", List.of(), "agents",
                Map.of("opencode", new dev.czar.config.AgentSettings(opencode.toString(), List.of(), Map.of()))), true,
                (f, wiring) -> wiring.mcpCommand(McpLaunch.command(new McpConfig(null, null, null, null), f.home,
                        f.repo.dir(), null)));
        try {

            // when its worker starts
            agents.launch("docs", "Write the install guide");
            agents.await("docs", w -> Files.exists(seen), Fleet.PATIENCE, "started");

            // then the config it got is czar's permissions plus the czar server, its token only referenced
            JsonNode config = JSON.readTree(Files.readString(seen));
            assertThat(config.path("permission").path("edit").asText()).isEqualTo("allow");
            assertThat(config.path("mcp").path("czar").path("environment").path("CZAR_MCP_TOKEN").asText())
                    .isEqualTo("{env:CZAR_MCP_TOKEN}");
        } finally {
            agents.close();
        }
    }

    @Test
    void should_not_start_without_a_current_token() throws Exception {
        // given a token of no workstream
        List<String> command = McpLaunch.command(new McpConfig(null, null, null, null), fleet.home, fleet.repo.dir(), null);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CZAR_MCP_TOKEN", "czm_not-a-token-of-this-home");

        // when
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out.strip()).endsWith("czar: CZAR_MCP_TOKEN is not the current token of any workstream"
                + " (a newer attempt replaced it, or it is not czar's)");
    }
}
