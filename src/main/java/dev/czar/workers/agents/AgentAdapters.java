package dev.czar.workers.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent presets czar knows, by their {@code workers.agent} name. Adding an agent is one line in
 * {@link #builtIn}; {@code command} (any program, task on stdin) is built from the configuration and added by
 * {@link #with(AgentAdapter)}.
 */
public final class AgentAdapters {
    private final Map<String, AgentAdapter> byName;

    private AgentAdapters(Map<String, AgentAdapter> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Every built-in preset that needs no configuration to exist. */
    public static AgentAdapters builtIn() {
        Map<String, AgentAdapter> all = new LinkedHashMap<>();
        for (AgentAdapter adapter : List.of(new ClaudeCodeAdapter(), new CodexAdapter(), new GeminiAdapter(),
                new OpenCodeAdapter(), new AiderAdapter())) {
            all.put(adapter.name(), adapter);
        }
        return new AgentAdapters(all);
    }

    /** Names of the built-in presets plus {@code command}, for validating configuration and launches. */
    public static Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(builtIn().byName.keySet());
        names.add(CommandAdapter.NAME);
        return names;
    }

    /** These presets and {@code adapter} (replacing one of the same name). */
    public AgentAdapters with(AgentAdapter adapter) {
        Map<String, AgentAdapter> all = new LinkedHashMap<>(byName);
        all.put(adapter.name(), adapter);
        return new AgentAdapters(all);
    }

    public Optional<AgentAdapter> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
