package dev.czar.workers.agents;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One invocation of an agent CLI.
 *
 * @param executable  the program to run (found on PATH or configured in {@code workers.agents.<name>.executable})
 * @param extraArgs   arguments configured in {@code workers.agents.<name>.args}, placed before czar's own
 * @param workingCopy the worker's isolated checkout; its current directory
 * @param configDir   a private, per-workstream directory for the agent's own config and session files
 * @param env         environment configured in {@code workers.agents.<name>.env}
 */
public record AgentRun(String executable, List<String> extraArgs, Path workingCopy, Path configDir,
                       Map<String, String> env) {
    public AgentRun {
        extraArgs = List.copyOf(extraArgs);
        env = Map.copyOf(env);
    }
}
