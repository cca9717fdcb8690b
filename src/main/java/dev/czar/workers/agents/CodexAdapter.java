package dev.czar.workers.agents;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI Codex CLI ({@code @openai/codex}), headless through {@code codex exec --json}: the task is the last
 * argument (after {@code --}, so a task starting with a dash is not read as an option), stdin is /dev/null (Codex
 * appends a piped stdin to the prompt and would wait for its end), and a later message continues the same thread
 * with {@code codex exec resume <thread id> <message>}.
 *
 * <p>Each workstream gets its own {@code CODEX_HOME} under the run's config dir, with a {@code config.toml}
 * written by {@link CodexHome}: sandbox {@code workspace-write} (plus the working copy's git dirs, which Codex
 * otherwise keeps read-only, so the agent can commit), no telemetry or plugin sync, and a custom model provider
 * when the run's env names one. Options that differ between the two commands do not exist: {@code exec resume}
 * has no {@code -s} or {@code --add-dir}, so both read the sandbox from that file.
 */
public final class CodexAdapter implements AgentAdapter {
    private final CodexUsageLedger ledger = new CodexUsageLedger();

    @Override
    public String name() {
        return "codex";
    }

    @Override
    public String defaultExecutable() {
        return "codex";
    }

    @Override
    public String installHint() {
        return "npm install -g @openai/codex";
    }

    @Override
    public List<String> start(AgentRun run, String taskText) {
        CodexHome.prepare(run);
        List<String> command = new ArrayList<>(List.of(run.executable(), "exec"));
        command.addAll(run.extraArgs());
        command.addAll(List.of("--json", "--skip-git-repo-check", "--", taskText));
        return command;
    }

    @Override
    public Optional<List<String>> resume(AgentRun run, String sessionId, String message) {
        Path home = CodexHome.prepare(run);
        ledger.seed(sessionId, () -> CodexRollouts.lastTotal(home, sessionId));
        List<String> command = new ArrayList<>(List.of(run.executable(), "exec", "resume"));
        command.addAll(run.extraArgs());
        command.addAll(List.of("--json", "--skip-git-repo-check", "--", sessionId, message));
        return Optional.of(command);
    }

    @Override
    public Map<String, String> env(AgentRun run) {
        return Map.of("CODEX_HOME", CodexHome.dir(run).toString());
    }

    /**
     * czar's MCP server as {@code mcp_servers.czar} through {@code -c} overrides (TOML values; {@code exec resume}
     * takes them too; checked with Codex 0.171.0, whose tool list then offers the namespace {@code mcp__czar}). The
     * token is not on the command line: {@code env_vars} forwards {@code CZAR_MCP_TOKEN} from Codex's own environment
     * (Codex starts MCP servers with a cleared one). {@code required = true}: the first request waits for the server
     * — without it a JVM still starting is left out of the session's tools (seen with 0.171.0). Its tools are approved
     * for headless use ({@code default_tools_approval_mode = "approve"}; Codex issues 16685 and 24135 report
     * {@code exec} cancelling unannotated tool calls otherwise: "user cancelled MCP tool call"); ask_human and
     * claim_done may take minutes, hence the tool timeout.
     */
    @Override
    public List<String> mcpArgs(AgentRun run, McpServerCommand server) {
        String table = "mcp_servers." + McpServerCommand.NAME + ".";
        List<String> args = new ArrayList<>();
        args.addAll(List.of("-c", table + "command=" + CodexHome.string(server.program())));
        args.addAll(List.of("-c", table + "args=" + server.args().stream().map(CodexHome::string)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"))));
        args.addAll(List.of("-c", table + "env_vars=" + server.env().keySet().stream().sorted().map(CodexHome::string)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"))));
        args.addAll(List.of("-c", table + "startup_timeout_sec=120", "-c", table + "tool_timeout_sec=900",
                "-c", table + "default_tools_approval_mode=\"approve\"",
                // required: the first request waits for the server; otherwise a JVM still starting is left out of it
                "-c", table + "required=true"));
        return args;
    }

    @Override
    public AgentStream stream() {
        return new CodexStream(ledger);
    }
}
