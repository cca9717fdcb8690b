package dev.czar.workers.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Any program as a worker ({@code workers.agent: command}, the default): {@code workers.command} is run as is, the
 * task text goes to its stdin and the pipe stays open for an operator's answers. Its plain output is read with
 * {@code workers.prompt-pattern} (a question) and {@code workers.done-pattern} (a claim of done). It has no
 * session to resume: a fix round starts it again with the failures after the task.
 */
public final class CommandAdapter implements AgentAdapter {
    public static final String NAME = "command";

    private final List<String> command;
    private final Pattern prompt;
    private final Pattern done;

    /**
     * @param command the configured {@code workers.command}; may be empty (then no worker starts)
     * @param done    {@code null} when claims are switched off ({@code workers.done-pattern: none})
     */
    public CommandAdapter(List<String> command, Pattern prompt, Pattern done) {
        this.command = List.copyOf(command);
        this.prompt = prompt;
        this.done = done;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultExecutable() {
        return command.isEmpty() ? "" : command.get(0);
    }

    @Override
    public String installHint() {
        return "set workers.command in config/czar.yaml to a program on PATH";
    }

    /** The configured command line; its arguments after the program come first, then workers.agents.command.args. */
    @Override
    public List<String> start(AgentRun run, String taskText) {
        List<String> line = new ArrayList<>();
        line.add(run.executable());
        line.addAll(command.subList(Math.min(1, command.size()), command.size()));
        line.addAll(run.extraArgs());
        return line;
    }

    @Override
    public Optional<List<String>> resume(AgentRun run, String sessionId, String message) {
        return Optional.empty();
    }

    /**
     * A plain program has no MCP client of its own: it is told how to start czar's server ({@code CZAR_MCP_COMMAND},
     * a JSON array) and, like every worker, gets the token in {@code CZAR_MCP_TOKEN}.
     */
    @Override
    public java.util.Map<String, String> mcpEnv(McpServerCommand server) {
        return java.util.Map.of("CZAR_MCP_COMMAND", dev.czar.chat.Json.write(server.command()));
    }

    @Override
    public boolean readsStdin() {
        return true;
    }

    @Override
    public AgentStream stream() {
        return new CommandStream(prompt, done);
    }
}
