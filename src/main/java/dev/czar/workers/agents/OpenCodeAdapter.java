package dev.czar.workers.agents;

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

    @Override
    public AgentStream stream() {
        return new OpenCodeStream();
    }
}
