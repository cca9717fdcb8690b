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
            Files.createDirectories(file.getParent());
            Files.writeString(file, settings.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Gemini settings " + file, e);
        }
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
