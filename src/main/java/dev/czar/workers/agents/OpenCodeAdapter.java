package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.czar.chat.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenCode ({@code opencode-ai}), headless: {@code opencode run --format json -- "<task>"} (checked against
 * 1.18.33's {@code run --help}), continued with {@code --session <id>}. Permissions come from the config czar
 * passes in {@code OPENCODE_CONFIG_CONTENT} (merged over the user's own config): edits allowed, shell commands only
 * {@code git …}, anything else "ask" — which {@code opencode run} answers itself by rejecting ("permission
 * requested: …; auto-rejecting") unless {@code --auto} is given, so the model sees the denial and czar reports it.
 */
public final class OpenCodeAdapter implements AgentAdapter {
    static final String CONFIG = """
            {"$schema":"https://opencode.ai/config.json","autoupdate":false,"share":"disabled",\
            "permission":{"edit":"allow","bash":{"*":"ask","git *":"allow"},"webfetch":"ask"}}""";

    @Override
    public String name() {
        return "opencode";
    }

    @Override
    public String defaultExecutable() {
        return "opencode";
    }

    @Override
    public String installHint() {
        return "npm install -g opencode-ai";
    }

    @Override
    public List<String> start(AgentRun run, String taskText) {
        return command(run, List.of(), taskText);
    }

    @Override
    public Optional<List<String>> resume(AgentRun run, String sessionId, String message) {
        return Optional.of(command(run, List.of("--session", sessionId), message));
    }

    private static List<String> command(AgentRun run, List<String> session, String message) {
        List<String> command = new ArrayList<>(List.of(run.executable(), "run"));
        command.addAll(run.extraArgs());
        command.addAll(session);
        command.addAll(List.of("--format", "json", "--", message));
        return command;
    }

    @Override
    public Map<String, String> env(AgentRun run) {
        return Map.of("OPENCODE_CONFIG_CONTENT", CONFIG, "OPENCODE_DISABLE_AUTOUPDATE", "1");
    }

    /**
     * czar's MCP server as the local server {@code czar} in the config czar passes ({@code mcp} section of
     * {@code opencode.json}: {@code type: local}, {@code command} as one array, {@code environment}), checked against
     * opencode.ai/docs/mcp-servers and config.json; not run here (OpenCode is not among the CLIs CI installs). The token
     * stays out of the config: {@code {env:CZAR_MCP_TOKEN}} is OpenCode's substitution from its own environment.
     * {@code timeout} (the wait for the server's tool list, 5 s by default) covers a JVM starting on a loaded machine.
     */
    @Override
    public Map<String, String> mcpEnv(McpServerCommand server) {
        ObjectNode config;
        try {
            config = (ObjectNode) Json.MAPPER.readTree(CONFIG);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("czar's OpenCode config is not JSON", e);
        }
        ObjectNode czar = config.putObject("mcp").putObject(McpServerCommand.NAME);
        czar.put("type", "local");
        server.command().forEach(czar.putArray("command")::add);
        ObjectNode environment = czar.putObject("environment");
        server.env().keySet().stream().sorted().forEach(key -> environment.put(key, "{env:" + key + "}"));
        czar.put("enabled", true);
        czar.put("timeout", 120_000);
        return Map.of("OPENCODE_CONFIG_CONTENT", config.toString());
    }

    @Override
    public AgentStream stream() {
        return new OpenCodeStream();
    }
}
