package dev.czar.workers.agents;

import dev.czar.chat.Json;
import dev.czar.store.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claude Code ({@code @anthropic-ai/claude-code}, flags checked against {@code claude --help} of 2.1.197), headless:
 * {@code claude -p --output-format stream-json --verbose --permission-mode acceptEdits --allowedTools Bash(git:*) --
 * TASK}, and {@code --resume SESSION} to continue a session with a new message. The task goes after {@code --}
 * because {@code --allowedTools} takes a variable number of values and would swallow it; stdin is /dev/null
 * ({@code -p} reads stdin to its end before starting).
 *
 * <p>Safe default: edits inside the working copy are accepted, the shell is limited to git (commit is how a worker
 * hands in its work); any other command is denied and reported in the run's {@code permission_denials}. Widen it
 * per installation with {@code workers.agents.claude-code.args} (e.g. {@code [--allowedTools, "Bash(./mvnw:*)"]}).
 */
public final class ClaudeCodeAdapter implements AgentAdapter {
    public static final String NAME = "claude-code";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultExecutable() {
        return "claude";
    }

    @Override
    public String installHint() {
        return "npm install -g @anthropic-ai/claude-code (or set workers.agents.claude-code.executable)";
    }

    @Override
    public List<String> start(AgentRun run, String taskText) {
        return line(run, List.of(), taskText);
    }

    @Override
    public Optional<List<String>> resume(AgentRun run, String sessionId, String message) {
        return Optional.of(line(run, List.of("--resume", sessionId), message));
    }

    private static List<String> line(AgentRun run, List<String> session, String message) {
        List<String> line = new ArrayList<>(List.of(run.executable(), "-p"));
        line.addAll(session);
        line.addAll(List.of("--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits",
                "--allowedTools", "Bash(git:*)"));
        line.addAll(run.extraArgs());
        line.add("--");
        line.add(message);
        return line;
    }

    /**
     * Its sessions and settings live in the workstream's own config directory (so a resume finds the session and the
     * user's own Claude settings never apply); no update checks, telemetry or other non-essential traffic.
     */
    @Override
    public Map<String, String> env(AgentRun run) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLAUDE_CONFIG_DIR", run.configDir().toString());
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_TELEMETRY", "1");
        // czar's MCP server is a JVM: -p must wait for it before the first request (else its tools are "still
        // connecting"), and may wait up to a minute on a loaded machine
        env.put("MCP_CONNECTION_NONBLOCKING", "false");
        env.put("MCP_TIMEOUT", "60000");
        return env;
    }

    /**
     * czar's MCP server as the only one of the session ({@code --mcp-config FILE --strict-mcp-config}: the user's own
     * servers never apply) and its tools allowed headless ({@code --allowedTools mcp__czar}: every tool of the server
     * named czar). The file, with the token in the server's env, is owner-only in the workstream's config directory.
     */
    @Override
    public List<String> mcpArgs(AgentRun run, McpServerCommand server) {
        Path file = run.configDir().resolve("czar-mcp.json");
        Map<String, Object> czar = new LinkedHashMap<>();
        czar.put("type", "stdio");
        czar.put("command", server.program());
        czar.put("args", server.args());
        czar.put("env", server.env());
        czar.put("alwaysLoad", true); // its tools are in every request, not deferred behind a tool search
        try {
            PrivateFiles.write(file, Json.write(Map.of("mcpServers", Map.of(McpServerCommand.NAME, czar))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return List.of("--mcp-config", file.toString(), "--strict-mcp-config",
                "--allowedTools", "mcp__" + McpServerCommand.NAME);
    }

    @Override
    public List<String> skipPermissionsArgs() {
        return List.of("--dangerously-skip-permissions");
    }

    @Override
    public AgentStream stream() {
        return new ClaudeCodeStream();
    }
}
