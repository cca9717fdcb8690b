package dev.czar.workers;

import dev.czar.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;

/** Runs workers as local processes, each in its own process group, with output kept in a log file. */
public final class LocalProcessBackend implements WorkerBackend {
    private final Clock clock;

    public LocalProcessBackend(Clock clock) {
        this.clock = clock;
    }

    @Override
    public RunningWorker start(WorkerLaunch launch) throws IOException {
        List<String> command = new ArrayList<>(ProcessGroups.prefix());
        command.addAll(launch.command());
        PrivateFiles.directory(launch.log().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.workingCopy().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(launch.env());
        if (!launch.readsStdin()) {
            // an open pipe nobody writes to hangs agents that read stdin to its end (claude -p, codex exec)
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        Instant started = process.info().startInstant().orElse(clock.instant());
        LocalWorker worker = new LocalWorker(process, started, launch, clock);
        if (launch.readsStdin()) {
            try {
                worker.send(launch.stdinText());
            } catch (IOException e) {
                // it exited (or closed stdin) before reading its task; its exit code and log tell the story
            }
        }
        return worker;
    }

    @Override
    public boolean alive(long pid, Instant startedAt) {
        return ProcessGroups.find(pid, startedAt).isPresent();
    }

    @Override
    public void terminate(long pid, Instant startedAt) {
        ProcessGroups.find(pid, startedAt).ifPresent(ProcessGroups::end);
    }

    @Override
    public List<Long> terminateIn(Path workingCopy) {
        Path dir = workingCopy.toAbsolutePath().normalize();
        List<ProcessHandle> inside = ProcessHandle.allProcesses().filter(ProcessGroups::running)
                .filter(p -> cwd(p).map(c -> c.startsWith(dir)).orElse(false)).toList();
        inside.forEach(ProcessGroups::end);
        return inside.stream().map(ProcessHandle::pid).toList();
    }

    /** A process's current directory, from /proc on Linux; empty elsewhere or when not ours to read. */
    private static Optional<Path> cwd(ProcessHandle p) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
