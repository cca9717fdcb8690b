package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** How each adapter hands czar's MCP server to its agent (issue 21). */
class McpWiringTest {
    @TempDir
    Path tmp;

    private final McpServerCommand server = new McpServerCommand(List.of("/opt/java/bin/java", "-cp", "czar.jar",
            "dev.czar.Czar", "mcp", "--home", "/srv/czar"), Map.of("CZAR_MCP_TOKEN", "czm_test-not-a-real-token"));

    @Test
    void should_give_claude_code_only_czars_server_from_an_owner_only_file_with_its_tools_allowed() throws Exception {
        // given
        AgentRun run = new AgentRun("claude", List.of(), tmp, tmp, Map.of());

        // when
        List<String> args = new ClaudeCodeAdapter().mcpArgs(run, server);

        // then
        Path file = tmp.resolve("czar-mcp.json");
        assertThat(args).containsExactly("--mcp-config", file.toString(), "--strict-mcp-config",
                "--allowedTools", "mcp__czar");
        JsonNode czar = Json.MAPPER.readTree(Files.readString(file)).path("mcpServers").path("czar");
        assertThat(czar.path("type").asText()).isEqualTo("stdio");
        assertThat(czar.path("command").asText()).isEqualTo("/opt/java/bin/java");
        assertThat(czar.path("args").toString()).isEqualTo("[\"-cp\",\"czar.jar\",\"dev.czar.Czar\",\"mcp\",\"--home\",\"/srv/czar\"]");
        assertThat(czar.path("env").path("CZAR_MCP_TOKEN").asText()).isEqualTo("czm_test-not-a-real-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new ClaudeCodeAdapter().env(run)).containsEntry("MCP_CONNECTION_NONBLOCKING", "false");
    }

    @Test
    void should_give_codex_the_server_as_toml_overrides_with_the_token_forwarded_from_its_environment() {
        // given
        AgentRun run = new AgentRun("codex", List.of(), tmp, tmp, Map.of());

        // when
        List<String> args = new CodexAdapter().mcpArgs(run, server);

        // then every value is TOML, and the token itself is nowhere on the command line
        assertThat(args).containsExactly(
                "-c", "mcp_servers.czar.command=\"/opt/java/bin/java\"",
                "-c", "mcp_servers.czar.args=[\"-cp\", \"czar.jar\", \"dev.czar.Czar\", \"mcp\", \"--home\", \"/srv/czar\"]",
                "-c", "mcp_servers.czar.env_vars=[\"CZAR_MCP_TOKEN\"]",
                "-c", "mcp_servers.czar.startup_timeout_sec=120", "-c", "mcp_servers.czar.tool_timeout_sec=900",
                "-c", "mcp_servers.czar.default_tools_approval_mode=\"approve\"",
                "-c", "mcp_servers.czar.required=true");
        assertThat(String.join(" ", args)).doesNotContain("czm_test-not-a-real-token");
    }

    @Test
    void should_tell_a_plain_program_how_to_start_the_server_in_its_environment_only() {
        // given
        CommandAdapter adapter = new CommandAdapter(List.of("bash", "agent.sh"), Pattern.compile("\\?$"), null);

        // when / then
        assertThat(adapter.mcpArgs(new AgentRun("bash", List.of(), tmp, tmp, Map.of()), server)).isEmpty();
        assertThat(adapter.mcpEnv(server)).containsExactly(Map.entry("CZAR_MCP_COMMAND",
                "[\"/opt/java/bin/java\",\"-cp\",\"czar.jar\",\"dev.czar.Czar\",\"mcp\",\"--home\",\"/srv/czar\"]"));
    }
}
