package dev.czar.workers;

import dev.czar.store.PrivateFiles;
import dev.czar.workers.agents.AgentStream;
import dev.czar.workers.agents.WorkerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One local worker process. A daemon thread copies its output, byte for byte, into the log file, cuts it into
 * lines (bounded) and has its agent's {@link AgentStream} turn each into events, folded into {@link WorkerFacts}.
 * A line with no break yet is offered to the stream once nothing more arrives: a prompt waits for its answer there.
 */
final class LocalWorker implements RunningWorker {
    private static final Logger LOG = LoggerFactory.getLogger(LocalWorker.class);
    /** A stream-json event line carrying a whole file can be long; anything past this is dropped from reading. */
    static final int LINE_BYTES = 1 << 20;
    private static final int TAIL_LINES = 40;
    private static final int TAIL_LINE_CHARS = 500;

    private final Process process;
    private final Instant startedAt;
    private final WorkerLaunch launch;
    private final Clock clock;
    private final AgentStream stream;
    private final WorkerProgress progress;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread pump;

    LocalWorker(Process process, Instant startedAt, WorkerLaunch launch, Clock clock) throws IOException {
        this.process = process;
        this.startedAt = startedAt;
        this.launch = launch;
        this.clock = clock;
        this.stream = launch.stream();
        this.progress = new WorkerProgress(clock.instant());
        OutputStream log = PrivateFiles.append(launch.log());
        this.pump = new Thread(() -> copy(process.getInputStream(), log), "worker-" + launch.name());
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
        return progress.facts();
    }

    @Override
    public synchronized String tail(int lines) {
        List<String> all = List.copyOf(tail);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public synchronized void send(String line) throws IOException {
        if (!launch.readsStdin()) {
            throw new IOException("its stdin is /dev/null; answers go to the agent by resuming its session");
        }
        Writer stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdin.write(line.endsWith("\n") ? line : line + "\n");
        stdin.flush();
        progress.answered();
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

    private void copy(InputStream in, OutputStream log) {
        byte[] buffer = new byte[8192];
        LineSplitter lines = new LineSplitter(LINE_BYTES);
        try (in; log) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                log.write(buffer, 0, n);
                log.flush();
                lines.feed(buffer, n, this::line);
                if (in.available() == 0 && !lines.pending().isEmpty()) {
                    apply(stream.partial(lines.pending()));
                }
            }
            lines.finish(this::line);
        } catch (IOException e) {
            LOG.debug("output of {} ended: {}", launch.name(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("reading the output of {} failed; the log file still has it", launch.name(), e);
        }
    }

    private void line(String line) {
        synchronized (this) {
            if (!line.isBlank()) {
                tail.addLast(line.length() <= TAIL_LINE_CHARS ? line : line.substring(0, TAIL_LINE_CHARS) + "...");
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        }
        apply(stream.line(line));
    }

    private void apply(List<WorkerEvent> events) {
        Instant now = clock.instant();
        for (WorkerEvent event : events) {
            progress.apply(event, now);
        }
        if (events.isEmpty()) {
            progress.touch(now); // output without meaning is still a sign of life
        }
    }
}
