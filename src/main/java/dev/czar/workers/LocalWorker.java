package dev.czar.workers;

import dev.czar.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One local worker process. A daemon thread copies its output, byte for byte, into the log file and a bounded
 * in-memory tail, noting when it last spoke; prompts are read from the tail because they rarely end in a newline,
 * while a claim of done must be a whole line.
 */
final class LocalWorker implements RunningWorker {
    private static final Logger LOG = LoggerFactory.getLogger(LocalWorker.class);
    private static final int TAIL_CHARS = 16_384;
    /** Longer lines are matched on their start only: a claim of done is short. */
    private static final int LINE_CHARS = 1_024;

    private final Process process;
    private final Instant startedAt;
    private final WorkerLaunch launch;
    private final Clock clock;
    private final StringBuilder tail = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private volatile String doneClaim;
    private final Thread pump;
    private volatile Instant lastOutputAt;
    private long outputChars;
    private long answeredAtChars = -1;

    LocalWorker(Process process, Instant startedAt, WorkerLaunch launch, Clock clock) throws IOException {
        this.process = process;
        this.startedAt = startedAt;
        this.launch = launch;
        this.clock = clock;
        this.lastOutputAt = clock.instant();
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
            pump.join(2000); // the last output matters for the failure report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(process.exitValue());
    }

    @Override
    public Instant lastOutputAt() {
        return lastOutputAt;
    }

    @Override
    public synchronized String tail(int lines) {
        List<String> all = tail.toString().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public synchronized Optional<String> pendingPrompt() {
        if (outputChars == answeredAtChars || tail.isEmpty()) {
            return Optional.empty();
        }
        String text = tail.toString().stripTrailing();
        String lastLine = text.substring(text.lastIndexOf('\n') + 1).strip();
        return launch.promptPattern().matcher(lastLine).find() ? Optional.of(lastLine) : Optional.empty();
    }

    @Override
    public synchronized void send(String line) throws IOException {
        Writer stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdin.write(line.endsWith("\n") ? line : line + "\n");
        stdin.flush();
        answeredAtChars = outputChars;
    }

    @Override
    public Optional<String> doneClaim() {
        return Optional.ofNullable(doneClaim);
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
        byte[] buffer = new byte[4096];
        try (in; log) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                log.write(buffer, 0, n);
                log.flush();
                record(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.debug("output of {} ended: {}", launch.name(), e.toString());
        }
    }

    private synchronized void record(String chunk) {
        tail.append(chunk);
        if (tail.length() > TAIL_CHARS) {
            tail.delete(0, tail.length() - TAIL_CHARS);
        }
        outputChars += chunk.length();
        lastOutputAt = clock.instant();
        if (launch.donePattern() != null && doneClaim == null) {
            findClaim(chunk);
        }
    }

    /** Completes output lines across chunks and keeps the first one matching the done pattern. */
    private void findClaim(String chunk) {
        int start = 0;
        for (int newline = chunk.indexOf('\n'); newline >= 0; newline = chunk.indexOf('\n', start)) {
            appendToLine(chunk, start, newline);
            if (launch.donePattern().matcher(line).find()) {
                String claim = line.toString().strip();
                doneClaim = claim.length() <= 300 ? claim : claim.substring(0, 297) + "...";
                return;
            }
            line.setLength(0);
            start = newline + 1;
        }
        appendToLine(chunk, start, chunk.length());
    }

    private void appendToLine(String chunk, int from, int to) {
        line.append(chunk, from, Math.min(to, from + Math.max(0, LINE_CHARS - line.length())));
    }
}
