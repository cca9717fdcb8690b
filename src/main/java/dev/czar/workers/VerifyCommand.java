package dev.czar.workers;

import dev.czar.store.PrivateFiles;
import dev.czar.config.WorkersConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code workers.verify-command} in a working copy, keeping its whole output as an artifact. */
public final class VerifyCommand {
    private final String command;
    private final Duration timeout;
    private final Path logs;

    public VerifyCommand(WorkersConfig config, Path home) {
        this.command = config.verifyCommand();
        this.timeout = config.verifyTimeoutDuration();
        this.logs = home.resolve("workers");
    }

    GateItem run(String workstream, Path workingCopy, int round) {
        if (command.isEmpty()) {
            return new GateItem("verify", GateItem.Status.SKIP, "workers.verify-command is not set");
        }
        Path log = logs.resolve(workstream).resolve("verify-" + round + ".log");
        try {
            PrivateFiles.directory(log.getParent());
            PrivateFiles.touch(log); // the redirect keeps an existing file's mode; a new one would follow the umask
            Process p = new ProcessBuilder(List.of("sh", "-c", command)).directory(workingCopy.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessGroups.end(p.toHandle());
                return GateItem.fail("verify", "'" + command + "' ran longer than " + timeout.toSeconds() + "s; output in " + log);
            }
            String tail = tail(log, 5);
            return p.exitValue() == 0
                    ? GateItem.pass("verify", "'" + command + "' exited 0; output in " + log + tailText(tail))
                    : GateItem.fail("verify", "'" + command + "' exited " + p.exitValue() + "; output in " + log + tailText(tail));
        } catch (IOException e) {
            return GateItem.fail("verify", "cannot run '" + command + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GateItem.fail("verify", "interrupted while running '" + command + "'");
        }
    }

    private static String tailText(String tail) {
        return tail.isBlank() ? "" : "; last lines:\n" + tail.indent(4).stripTrailing();
    }

    static String tail(Path file, int lines) throws IOException {
        return LogTail.lastLines(file, lines);
    }
}
