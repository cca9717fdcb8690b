package dev.czar.workers;

import dev.czar.store.PrivateFiles;
import dev.czar.config.WorkersConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Starts one attempt of a workstream in its working copy: the full task text (plus the gate's feedback on a fix
 * round) into {@code TASK.md} and onto stdin, the {@code CZAR_*} environment, and a log file per attempt.
 */
final class AttemptStart {
    private final WorkersConfig config;
    private final WorkerBackend backend;
    private final Path statusFile;
    private final Path logs;
    private final Pattern prompt;
    private final Pattern done;

    AttemptStart(WorkersConfig config, WorkerBackend backend, Path statusFile, Path logs) {
        this.config = config;
        this.backend = backend;
        this.statusFile = statusFile;
        this.logs = logs;
        this.prompt = Pattern.compile(config.promptPattern());
        this.done = config.doneClaims() ? Pattern.compile(config.donePattern()) : null;
    }

    /** The started worker and where its output goes. */
    record Started(RunningWorker worker, Path log) {
    }

    Started start(Workstream ws, int attempt, Path dir) throws IOException {
        String input = ws.task().stripTrailing()
                + (ws.nextInput() == null ? "" : "\n\n" + ws.nextInput().stripTrailing()) + "\n";
        Path taskFile = dir.resolve("TASK.md");
        PrivateFiles.write(taskFile, input); // task text may quote secrets: owner-only like the rest of the home
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CZAR_WORKSTREAM", ws.name());
        env.put("CZAR_BRANCH", ws.branch());
        env.put("CZAR_STATUS_FILE", statusFile.toString());
        env.put("CZAR_TASK_FILE", taskFile.toString());
        env.put("CZAR_ATTEMPT", Integer.toString(attempt));
        Path log = logs.resolve(ws.name())
                .resolve("attempt-" + attempt + (ws.fixRounds() > 0 ? "-fix-" + ws.fixRounds() : "") + ".log");
        return new Started(backend.start(new WorkerLaunch(ws.name(), config.command(), dir, input, env, log, prompt,
                done)), log);
    }
}
