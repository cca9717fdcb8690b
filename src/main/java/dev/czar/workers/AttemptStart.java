package dev.czar.workers;

import dev.czar.store.PrivateFiles;
import dev.czar.config.AgentSettings;
import dev.czar.config.WorkersConfig;
import dev.czar.workers.agents.AgentAdapter;
import dev.czar.workers.agents.AgentAdapters;
import dev.czar.workers.agents.AgentRun;
import dev.czar.workers.agents.CommandAdapter;
import dev.czar.workers.agents.McpServerCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Starts one attempt of a workstream in its working copy with its agent: the full task text (plus the gate's
 * feedback on a fix round) into {@code TASK.md}; for {@code command} onto stdin, for an agent preset as its first
 * turn, or, when the workstream has a session and a message for it (an answer, the gate's failures), as a resumed
 * turn of that session. The {@code CZAR_*} environment, and a log file per attempt.
 */
final class AttemptStart {
    /** Appended to a preset agent's task: how czar reads its final message. */
    static final String HANDOFF = "\n\n---\nczar: work in this directory and commit your changes with git. When you"
            + " have finished, end your final message with a line 'CZAR_DONE: <one-line summary>'. If you need a"
            + " decision from a human, ask it as your final message and stop; the answer arrives in this session.\n";
    /** The message of a resumed turn after a crash, when nobody gave it anything new to say. */
    static final String CONTINUE = "czar: your previous run ended before you finished; continue the task.";

    private final WorkersConfig config;
    private final WorkerBackend backend;
    private final AgentSessions sessions;
    private final AgentAdapters adapters;
    private final Path statusFile;
    private final Path logs;
    /** issue 21: how agents start {@code czar mcp} (without a token), and the tokens binding it; null = no server. */
    private final List<String> mcpCommand;
    private final McpTokens mcpTokens;

    /** @param mcpCommand every attempt gets czar's MCP server, started with it, bound by a fresh token; null: none */
    AttemptStart(WorkersConfig config, WorkerBackend backend, AgentSessions sessions, Path statusFile, Path logs,
                 List<String> mcpCommand, McpTokens mcpTokens) {
        this.config = config;
        this.mcpCommand = mcpCommand == null ? null : List.copyOf(mcpCommand);
        this.mcpTokens = mcpTokens;
        this.backend = backend;
        this.sessions = sessions;
        this.statusFile = statusFile;
        this.logs = logs;
        Pattern done = config.doneClaims() ? Pattern.compile(config.donePattern()) : null;
        this.adapters = AgentAdapters.builtIn()
                .with(new CommandAdapter(config.command(), Pattern.compile(config.promptPattern()), done));
    }

    /**
     * The started worker, where its output goes, its agent, and the session it resumes ({@code null}: a first
     * turn, or a plain program).
     */
    record Started(RunningWorker worker, Path log, String agent, boolean sessions, String resumed) {
    }

    /** issue 21: the paragraph telling an agent that czar's tools exist ({@code prompts/worker-preamble.md}). */
    static String preamble() {
        try (java.io.InputStream in = AttemptStart.class.getClassLoader().getResourceAsStream("prompts/worker-preamble.md")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip() + "\n";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The agent a workstream runs: the one its launch named, else {@code workers.agent}. */
    String agentOf(String workstream) {
        return sessions.find(workstream).map(AgentSessions.AgentSession::agent).orElse(config.agent());
    }

    /** Whether a worker of this workstream could start now (a plain program needs {@code workers.command}). */
    boolean startable(Workstream ws) {
        String agent = agentOf(ws.name());
        return !agent.equals(CommandAdapter.NAME) || !config.command().isEmpty();
    }

    Started start(Workstream ws, int attempt, Path dir) throws IOException {
        String agent = agentOf(ws.name());
        AgentAdapter adapter = adapters.find(agent).orElseThrow(() -> new WorkerException("unknown agent '" + agent + "'"));
        AgentSettings settings = config.agentSettings(agent);
        String executable = adapter.readsStdin() && settings.executable() == null ? adapter.defaultExecutable()
                : AgentExecutables.find(adapter, settings).orElseThrow(() ->
                new WorkerException(AgentExecutables.missing(adapter, settings)));
        sessions.choose(ws.name(), agent);
        String input = ws.task().stripTrailing()
                + (ws.nextInput() == null ? "" : "\n\n" + ws.nextInput().stripTrailing()) + "\n";
        Path taskFile = dir.resolve("TASK.md");
        PrivateFiles.write(taskFile, input); // task text may quote secrets: owner-only like the rest of the home
        Path configDir = logs.resolve(ws.name()).resolve("agent-config");
        PrivateFiles.directory(configDir);
        List<String> extra = new ArrayList<>(config.unsafe().skipAgentPermissions() ? adapter.skipPermissionsArgs() : List.of());
        extra.addAll(settings.args());
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> mcpEnv = Map.of();
        boolean mcp = mcpCommand != null && backend.capabilities().hostFiles(); // a pod cannot start czar mcp
        if (mcp) {
            String token = mcpTokens.issue(ws.name(), attempt);
            McpServerCommand server = new McpServerCommand(mcpCommand, Map.of(McpTokens.ENV, token));
            extra.addAll(adapter.mcpArgs(new AgentRun(executable, extra, dir, configDir, settings.env()), server));
            mcpEnv = adapter.mcpEnv(server);
            env.put(McpTokens.ENV, token);
        }
        AgentRun run = new AgentRun(executable, extra, dir, configDir, settings.env());
        String session = adapter.readsStdin() ? null : sessions.find(ws.name()).map(AgentSessions.AgentSession::sessionId).orElse(null);
        String message = ws.nextInput() != null ? ws.nextInput().strip() : CONTINUE;
        Optional<List<String>> resumed = session == null ? Optional.empty() : adapter.resume(run, session, message);
        String handoff = HANDOFF + (mcp ? "\n" + preamble() : "");
        String prompt = resumed.isPresent() ? message : adapter.readsStdin() ? null : input + handoff;
        List<String> command = resumed.orElseGet(() -> adapter.start(run, adapter.readsStdin() ? input : prompt));
        env.putAll(adapter.env(run));
        env.putAll(mcpEnv); // over the adapter's own: OpenCode's config with the server replaces the one without
        env.putAll(settings.env());
        env.put("CZAR_WORKSTREAM", ws.name());
        env.put("CZAR_BRANCH", ws.branch());
        env.put("CZAR_STATUS_FILE", statusFile.toString());
        env.put("CZAR_TASK_FILE", taskFile.toString());
        env.put("CZAR_ATTEMPT", Integer.toString(attempt));
        Path log = log(ws, attempt);
        RunningWorker worker = backend.start(new WorkerLaunch(ws.name(), command, dir, adapter.readsStdin() ? input : null,
                env, log, adapter.stream(), input, prompt));
        return new Started(worker, log, agent, !adapter.readsStdin(), resumed.isPresent() ? session : null);
    }

    /**
     * The worker of {@code ws}'s current attempt, started by a supervisor that is gone, if its backend still runs it
     * and can hand it over ({@link WorkerBackend#adopt}); its output goes on into the attempt's log.
     */
    Optional<Started> adopt(Workstream ws, Path dir) {
        String agent = agentOf(ws.name());
        Optional<AgentAdapter> adapter = adapters.find(agent);
        if (adapter.isEmpty()) {
            return Optional.empty();
        }
        Path log = log(ws, ws.attempts());
        Map<String, String> env = Map.of("CZAR_WORKSTREAM", ws.name(), "CZAR_BRANCH", ws.branch(),
                "CZAR_ATTEMPT", Integer.toString(ws.attempts()));
        WorkerLaunch attempt = new WorkerLaunch(ws.name(), List.of(), dir, null, env, log, adapter.get().stream());
        return backend.adopt(attempt).map(worker -> new Started(worker, log, agent, !adapter.get().readsStdin(), null));
    }

    private Path log(Workstream ws, int attempt) {
        return logs.resolve(ws.name())
                .resolve("attempt-" + attempt + (ws.fixRounds() > 0 ? "-fix-" + ws.fixRounds() : "") + ".log");
    }
}
