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
 * @param taskText    the full task text of this attempt (what {@code TASK.md} holds)
 * @param promptArg   the text the agent adapter put into {@code command} as its prompt (the task and czar's handoff,
 *                    or a resumed turn's message), so a backend that must not put it into a spec can pass it by file;
 *                    {@code null} when the command holds none
 */
public record WorkerLaunch(String name, List<String> command, Path workingCopy, String stdinText,
                           Map<String, String> env, Path log, AgentStream stream, String taskText, String promptArg) {
    public WorkerLaunch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        taskText = taskText != null ? taskText : stdinText;
    }

    /** Without the texts a remote backend passes by file. */
    public WorkerLaunch(String name, List<String> command, Path workingCopy, String stdinText,
                        Map<String, String> env, Path log, AgentStream stream) {
        this(name, command, workingCopy, stdinText, env, log, stream, null, null);
    }

    public boolean readsStdin() {
        return stdinText != null;
    }
}
