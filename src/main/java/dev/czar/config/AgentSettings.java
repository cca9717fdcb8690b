package dev.czar.config;

import java.util.List;
import java.util.Map;

/**
 * Overrides for one agent preset ({@code workers.agents.<name>}).
 *
 * @param executable the program, when it is not the preset's default on PATH (absolute, or relative to the
 *                   directory czar runs in)
 * @param args       arguments put before czar's own (e.g. a model, more allowed tools)
 * @param env        environment for the agent (e.g. {@code ANTHROPIC_BASE_URL} of a self-hosted model)
 */
public record AgentSettings(String executable, List<String> args, Map<String, String> env) {
    public AgentSettings {
        executable = executable != null && !executable.isBlank() ? executable.strip() : null;
        args = args != null ? List.copyOf(args) : List.of();
        env = env != null ? Map.copyOf(env) : Map.of();
    }

    public static final AgentSettings NONE = new AgentSettings(null, null, null);
}
