package dev.czar.workers.agents;

import java.util.List;
import java.util.Map;

/**
 * How an agent starts czar's MCP server for its worker (issue 21): a command line speaking MCP over stdio (normally
 * this czar's own {@code java ... dev.czar.Czar mcp --home H --repo R}) and the environment it needs. The token
 * that binds it to the workstream is in {@code env}; adapters put it only where the agent's own process reads it
 * (the agent's private config directory or its environment), never on a command line.
 *
 * @param command the program and its arguments
 * @param env     variables the server needs, {@code CZAR_MCP_TOKEN} among them
 */
public record McpServerCommand(List<String> command, Map<String, String> env) {
    /** The server's name as agents show it; Claude Code names its tools {@code mcp__czar__<tool>}. */
    public static final String NAME = "czar";

    public McpServerCommand {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an MCP server command needs a program");
        }
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    public String program() {
        return command.get(0);
    }

    public List<String> args() {
        return command.subList(1, command.size());
    }
}
