package dev.czar.workers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything needed to start one worker attempt.
 *
 * @param command       the worker command line from {@code workers.command}
 * @param workingCopy   the isolated checkout of the workstream's branch; the worker's current directory
 * @param stdinText     the full task text (plus gate feedback on a fix round), written to stdin first
 * @param env           extra environment: {@code CZAR_WORKSTREAM}, {@code CZAR_BRANCH}, {@code CZAR_STATUS_FILE}…
 * @param log           where stdout and stderr are kept, raw
 * @param promptPattern a last output line matching this is a question to a human
 * @param donePattern   an output line matching this is the worker's claim of done; {@code null} when switched off
 */
public record WorkerLaunch(String name, List<String> command, Path workingCopy, String stdinText,
                           Map<String, String> env, Path log, Pattern promptPattern,
                           Pattern donePattern) {
    public WorkerLaunch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
