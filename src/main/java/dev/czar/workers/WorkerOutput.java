package dev.czar.workers;

import dev.czar.workers.agents.AgentStream;
import dev.czar.workers.agents.WorkerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One worker's output as czar reads it, wherever the worker runs (a local process's stdout, a pod's log): copied
 * byte for byte into the log file, cut into bounded lines that its agent's {@link AgentStream} turns into events,
 * folded into {@link WorkerFacts}; the last lines are kept for a failure report. A line with no break yet is offered
 * to the stream once nothing more arrives: a prompt waits for its answer there.
 */
public final class WorkerOutput {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerOutput.class);
    /** A stream-json event line carrying a whole file can be long; anything past this is dropped from reading. */
    static final int LINE_BYTES = 1 << 20;
    private static final int TAIL_LINES = 40;
    private static final int TAIL_LINE_CHARS = 500;

    private final String name;
    private final AgentStream stream;
    private final Clock clock;
    private final WorkerProgress progress;
    private final Deque<String> tail = new ArrayDeque<>();

    public WorkerOutput(String name, AgentStream stream, Clock clock) {
        this.name = name;
        this.stream = stream;
        this.clock = clock;
        this.progress = new WorkerProgress(clock.instant());
    }

    /** Copies {@code in} to {@code log} until it ends, reading each line on the way; closes both. */
    public void copy(InputStream in, OutputStream log) {
        copy(in, log, 0);
    }

    /**
     * The same for output whose first {@code logged} bytes the log already has (a worker adopted from a supervisor
     * that is gone reads its pod's log from the start): those are read again, not written again.
     */
    public void copy(InputStream in, OutputStream log, long logged) {
        byte[] buffer = new byte[8192];
        LineSplitter lines = new LineSplitter(LINE_BYTES);
        long skip = logged;
        try (in; log) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int known = (int) Math.min(n, skip);
                skip -= known;
                log.write(buffer, known, n - known);
                log.flush();
                lines.feed(buffer, n, this::line);
                if (in.available() == 0 && !lines.pending().isEmpty()) {
                    apply(stream.partial(lines.pending()));
                }
            }
            lines.finish(this::line);
        } catch (IOException e) {
            LOG.debug("output of {} ended: {}", name, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("reading the output of {} failed; the log file still has it", name, e);
        }
    }

    /** Everything its events said so far. */
    public WorkerFacts facts() {
        return progress.facts();
    }

    /** An operator's answer went to the worker: it is no longer asking. */
    public void answered() {
        progress.answered();
    }

    /** The last {@code lines} lines of its output. */
    public synchronized String tail(int lines) {
        List<String> all = List.copyOf(tail);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * czar's own remark about a running worker (a commit its pod pushed): kept in the tail that failure reports
     * quote, but neither read by the agent's stream (a commit subject is no claim of done) nor written to the log,
     * which stays the worker's output byte for byte.
     */
    public void remark(String line) {
        synchronized (this) {
            keep(line);
        }
    }

    /** Reads one complete line, as if the worker had printed it (czar's own remarks about a remote worker). */
    public void line(String line) {
        synchronized (this) {
            keep(line);
        }
        apply(stream.line(line));
    }

    private void keep(String line) {
        if (!line.isBlank()) {
            tail.addLast(line.length() <= TAIL_LINE_CHARS ? line : line.substring(0, TAIL_LINE_CHARS) + "...");
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
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
