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
    void should_give_gemini_the_server_in_its_settings_trusted_and_alone_with_the_token_expanded_from_its_environment()
            throws Exception {
        // given
        AgentRun run = new AgentRun("gemini", List.of(), tmp.resolve("wc"), tmp, Map.of("GEMINI_API_KEY", "test-key"));
        GeminiAdapter adapter = new GeminiAdapter();

        // when the attempt starts: czar's server first, then the command (which writes the settings)
        List<String> args = adapter.mcpArgs(run, server);
        List<String> command = adapter.start(new AgentRun("gemini", args, tmp.resolve("wc"), tmp, run.env()), "task");

        // then
        assertThat(command).containsSubsequence("gemini", "--allowed-mcp-server-names", "czar", "--prompt=task");
        JsonNode settings = Json.MAPPER.readTree(Files.readString(tmp.resolve("gemini/.gemini/settings.json")));
        JsonNode czar = settings.path("mcpServers").path("czar");
        assertThat(czar.path("command").asText()).isEqualTo("/opt/java/bin/java");
        assertThat(czar.path("args").toString()).isEqualTo("[\"-cp\",\"czar.jar\",\"dev.czar.Czar\",\"mcp\",\"--home\",\"/srv/czar\"]");
        assertThat(czar.path("env").path("CZAR_MCP_TOKEN").asText()).isEqualTo("$CZAR_MCP_TOKEN");
        assertThat(czar.path("trust").asBoolean()).isTrue();
        assertThat(czar.path("timeout").asInt()).isEqualTo(900_000);
        assertThat(settings.path("security").path("auth").path("selectedType").asText()).isEqualTo("gemini-api-key");
        assertThat(Files.readString(tmp.resolve("gemini/.gemini/settings.json"))).doesNotContain("czm_test-not-a-real-token");
    }

    @Test
    void should_give_opencode_the_server_as_a_local_mcp_entry_of_its_config_with_the_token_substituted_by_it()
            throws Exception {
        // when
        Map<String, String> env = new OpenCodeAdapter().mcpEnv(server);

        // then the config keeps czar's permissions and gains the server; the token is OpenCode's {env:} reference
        JsonNode config = Json.MAPPER.readTree(env.get("OPENCODE_CONFIG_CONTENT"));
        assertThat(config.path("permission").path("bash").path("git *").asText()).isEqualTo("allow");
        JsonNode czar = config.path("mcp").path("czar");
        assertThat(czar.path("type").asText()).isEqualTo("local");
        assertThat(czar.path("command").toString()).isEqualTo(
                "[\"/opt/java/bin/java\",\"-cp\",\"czar.jar\",\"dev.czar.Czar\",\"mcp\",\"--home\",\"/srv/czar\"]");
        assertThat(czar.path("environment").path("CZAR_MCP_TOKEN").asText()).isEqualTo("{env:CZAR_MCP_TOKEN}");
        assertThat(czar.path("enabled").asBoolean()).isTrue();
        assertThat(env.get("OPENCODE_CONFIG_CONTENT")).doesNotContain("czm_test-not-a-real-token");
        assertThat(new OpenCodeAdapter().mcpArgs(new AgentRun("opencode", List.of(), tmp, tmp, Map.of()), server)).isEmpty();
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
