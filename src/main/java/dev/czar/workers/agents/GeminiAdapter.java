package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.czar.chat.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gemini CLI ({@code @google/gemini-cli}), headless: {@code gemini --output-format stream-json --prompt=<task>}
 * (checked against 0.61.0's {@code --help}; {@code --skip-trust} because an untrusted folder silently turns the
 * approval mode back to {@code default}). Edits are approved ({@code --approval-mode auto_edit}); other tools
 * that would ask are denied headless, except {@code git} commands, which a policy file czar writes allows, so the
 * agent can commit. Each workstream has its own {@code GEMINI_CLI_HOME}; a session is continued with
 * {@code --resume <session id>} (the {@code init} event's id).
 */
public final class GeminiAdapter implements AgentAdapter {
    static final String MCP_FILE = "czar-mcp.json";
    static final String POLICY = """
            # Written by czar: headless Gemini may run git (to commit its work); other shell commands are denied.
            [[rule]]
            toolName = "run_shell_command"
            commandPrefix = "git"
            decision = "allow"
            priority = 100
            """;

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public String defaultExecutable() {
        return "gemini";
    }

    @Override
    public String installHint() {
        return "npm install -g @google/gemini-cli";
    }

    @Override
    public List<String> start(AgentRun run, String taskText) {
        return command(run, List.of(), taskText);
    }

    @Override
    public Optional<List<String>> resume(AgentRun run, String sessionId, String message) {
        return Optional.of(command(run, List.of("--resume", sessionId), message));
    }

    private static List<String> command(AgentRun run, List<String> session, String prompt) {
        Path policy = writePolicy(run);
        writeSettings(run);
        List<String> command = new ArrayList<>(List.of(run.executable()));
        command.addAll(run.extraArgs());
        command.addAll(session);
        command.addAll(List.of("--output-format", "stream-json", "--skip-trust", "--approval-mode", "auto_edit",
                // "--prompt=" because "-p <text>" fails when the text starts with a dash ("Not enough arguments")
                "--policy", policy.toString(), "--prompt=" + prompt));
        return command;
    }

    @Override
    public Map<String, String> env(AgentRun run) {
        return Map.of("GEMINI_CLI_HOME", home(run).toString());
    }

    @Override
    public AgentStream stream() {
        return new GeminiStream();
    }

    private static Path home(AgentRun run) {
        return run.configDir().resolve("gemini");
    }

    /**
     * {@code <GEMINI_CLI_HOME>/.gemini/settings.json}: usage statistics off (sent to play.googleapis.com on every
     * run otherwise), and the API-key auth selected when the run's env has {@code GEMINI_API_KEY} — without a
     * selected method a headless run exits with "Invalid auth method selected." (exit 41, seen with 0.61.0).
     */
    private static void writeSettings(AgentRun run) {
        ObjectNode settings = Json.MAPPER.createObjectNode();
        settings.putObject("privacy").put("usageStatisticsEnabled", false);
        if (run.env().containsKey("GEMINI_API_KEY")) {
            settings.putObject("security").putObject("auth").put("selectedType", "gemini-api-key");
        }
        Path file = home(run).resolve(".gemini/settings.json");
        try {
            Path server = home(run).resolve(MCP_FILE);
            if (Files.exists(server)) { // issue 21: czar's MCP server, written by mcpArgs for this attempt
                settings.putObject("mcpServers").set(McpServerCommand.NAME, Json.MAPPER.readTree(Files.readString(server)));
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, settings.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Gemini settings " + file, e);
        }
    }

    /**
     * czar's MCP server, for the settings file (docs/tools/mcp-server.md of gemini-cli: {@code mcpServers.<name>} with
     * {@code command}, {@code args}, {@code env}, {@code timeout} in ms, {@code trust}); not run here (Gemini CLI is not
     * among the CLIs CI installs). Kept in {@code czar-mcp.json} next to the settings, which every command rewrites.
     * {@code trust: true} skips the confirmation a headless run cannot give; the token stays out of the file
     * ({@code "$CZAR_MCP_TOKEN"} is expanded from Gemini's own environment). {@code --allowed-mcp-server-names czar}
     * keeps any other server of the user's settings out of the session.
     */
    @Override
    public List<String> mcpArgs(AgentRun run, McpServerCommand server) {
        ObjectNode czar = Json.MAPPER.createObjectNode();
        czar.put("command", server.program());
        server.args().forEach(czar.putArray("args")::add);
        ObjectNode env = czar.putObject("env");
        server.env().keySet().stream().sorted().forEach(key -> env.put(key, "$" + key));
        czar.put("timeout", 900_000); // ask_human and claim_done may take minutes
        czar.put("trust", true);
        Path file = home(run).resolve(MCP_FILE);
        try {
            Files.createDirectories(file.getParent());
            dev.czar.store.PrivateFiles.write(file, czar.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Gemini MCP server " + file, e);
        }
        return List.of("--allowed-mcp-server-names", McpServerCommand.NAME);
    }

    private static Path writePolicy(AgentRun run) {
        Path policy = home(run).resolve("czar-policy.toml");
        try {
            Files.createDirectories(policy.getParent());
            Files.writeString(policy, POLICY);
            return policy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Gemini policy " + policy, e);
        }
    }
}
