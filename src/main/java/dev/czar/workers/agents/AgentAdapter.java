package dev.czar.workers.agents;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One coding agent CLI czar runs headless: how to start a session with the full task text, how to continue that
 * session with a new message (an operator's answer, the gate's failures), and how to read its output. One class
 * per agent; the supervisor sees only {@link WorkerEvent}s.
 */
public interface AgentAdapter {
    /** The preset's name in {@code workers.agent}: {@code claude-code}, {@code codex}, {@code command}… */
    String name();

    /** The executable looked up on PATH when none is configured. */
    String defaultExecutable();

    /** One line saying how to install the CLI, for the error when its executable is missing. */
    String installHint();

    /** The command line of a first turn with the full task text. */
    List<String> start(AgentRun run, String taskText);

    /** The command line that continues {@code sessionId} with {@code message}; empty when the agent cannot. */
    Optional<List<String>> resume(AgentRun run, String sessionId, String message);

    /** Environment the agent needs beyond the configured one (e.g. its config home under the run's configDir). */
    default Map<String, String> env(AgentRun run) {
        return Map.of();
    }

    /**
     * Whether the agent reads its task and later answers from stdin (plain programs). Otherwise stdin is
     * /dev/null: an open, unwritten pipe hangs agents that read stdin to its end.
     */
    default boolean readsStdin() {
        return false;
    }

    /** A fresh reader for one run's output. */
    AgentStream stream();

    /**
     * Arguments that switch off every permission check of the agent, added only under
     * {@code workers.unsafe.skip-agent-permissions}; empty when the agent has none.
     */
    default List<String> skipPermissionsArgs() {
        return List.of();
    }

    /**
     * Arguments that give the agent czar's MCP server ({@code czar mcp}, issue 21) and the permission to call its
     * tools headless; empty when the agent has no MCP client (then {@link #mcpEnv} may still tell a plain program
     * how to start it). May write files under {@code run.configDir()}, which only czar and the agent read.
     */
    default List<String> mcpArgs(AgentRun run, McpServerCommand server) {
        return List.of();
    }

    /** Environment that tells the agent about czar's MCP server, for agents that take it that way. */
    default Map<String, String> mcpEnv(McpServerCommand server) {
        return Map.of();
    }
}
