package dev.czar.workers;

import dev.czar.workers.agents.AgentStream;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one worker attempt.
 *
 * @param command     the command line the worker's agent adapter built (task as an argument, or none)
 * @param workingCopy the isolated checkout of the workstream's branch; the worker's current directory
 * @param stdinText   for agents that read stdin: the full task text (plus gate feedback on a fix round), written
 *                    first, the pipe kept open for answers; {@code null}: stdin is /dev/null
 * @param env         extra environment: {@code CZAR_WORKSTREAM}, {@code CZAR_BRANCH}, {@code CZAR_STATUS_FILE}…
 * @param log         where stdout and stderr are kept, raw
 * @param stream      the reader that turns its output into worker events
 */
public record WorkerLaunch(String name, List<String> command, Path workingCopy, String stdinText,
                           Map<String, String> env, Path log, AgentStream stream) {
    public WorkerLaunch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    public boolean readsStdin() {
        return stdinText != null;
    }
}
