package dev.czar.workers;

import dev.czar.store.PrivateFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * One local worker process. A daemon thread copies its output into the log file and has its agent's stream read
 * it ({@link WorkerOutput}).
 */
final class LocalWorker implements RunningWorker {
    private final Process process;
    private final Instant startedAt;
    private final WorkerLaunch launch;
    private final WorkerOutput output;
    private final Thread pump;

    LocalWorker(Process process, Instant startedAt, WorkerLaunch launch, Clock clock) throws IOException {
        this.process = process;
        this.startedAt = startedAt;
        this.launch = launch;
        this.output = new WorkerOutput(launch.name(), launch.stream(), clock);
        OutputStream log = PrivateFiles.append(launch.log());
        this.pump = new Thread(() -> output.copy(process.getInputStream(), log), "worker-" + launch.name());
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Optional<Integer> exitCode() {
        if (process.isAlive()) {
            return Optional.empty();
        }
        try {
            pump.join(5000); // the last events (the agent's result) decide what happens next
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(process.exitValue());
    }

    @Override
    public WorkerFacts facts() {
        return output.facts();
    }

    @Override
    public String tail(int lines) {
        return output.tail(lines);
    }

    @Override
    public synchronized void send(String line) throws IOException {
        if (!launch.readsStdin()) {
            throw new IOException("its stdin is /dev/null; answers go to the agent by resuming its session");
        }
        Writer stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdin.write(line.endsWith("\n") ? line : line + "\n");
        stdin.flush();
        output.answered();
    }

    @Override
    public void kill() {
        ProcessGroups.end(process.toHandle());
    }

    @Override
    public void pause() {
        ProcessGroups.signal(process.toHandle(), "STOP");
    }

    @Override
    public void resume() {
        ProcessGroups.signal(process.toHandle(), "CONT");
    }
}
