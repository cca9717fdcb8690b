package dev.czar.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * What a worker last did that counts as progress: output, a file changed in its working copy, or a commit. A
 * worker with none of these for {@code workers.stuck-after} is STUCK.
 */
final class Activity {
    private final RunningWorker worker;
    private final Path workingCopy;
    private final java.time.Duration walkEvery;
    private String fingerprint = "";
    private Instant lastChangeAt;
    private Instant lastWalkAt = Instant.MIN;
    private Instant pausedAt;
    private final AttemptStart.Started attempt;
    private final String headAtStart;
    private String savedProgress = "";

    /**
     * @param walkEvery how often the working copy is walked for changed files; walking a big tree every poll
     *                  would cost more than a stuck worker does
     */
    Activity(RunningWorker worker, Path workingCopy, Instant now, java.time.Duration walkEvery) {
        this(worker, workingCopy, now, walkEvery, null, "");
    }

    /**
     * @param attempt     how it was started: its agent, and the session it resumes
     * @param headAtStart the branch head when it started: a turn that moved it has committed
     */
    Activity(RunningWorker worker, Path workingCopy, Instant now, java.time.Duration walkEvery,
             AttemptStart.Started attempt, String headAtStart) {
        this.worker = worker;
        this.workingCopy = workingCopy;
        this.lastChangeAt = now;
        this.walkEvery = walkEvery;
        this.attempt = attempt;
        this.headAtStart = headAtStart;
    }

    /** Whether its agent keeps a session (a preset), rather than being a plain program reading stdin. */
    boolean sessions() {
        return attempt != null && attempt.sessions();
    }

    /** The session this run resumed, or {@code null} for a first turn. */
    String resumed() {
        return attempt == null ? null : attempt.resumed();
    }

    String headAtStart() {
        return headAtStart;
    }

    /** Whether its progress facts differ from those last saved; remembers them as saved when they do. */
    boolean progressChanged(String facts) {
        if (facts.equals(savedProgress)) {
            return false;
        }
        savedProgress = facts;
        return true;
    }

    RunningWorker worker() {
        return worker;
    }

    Path workingCopy() {
        return workingCopy;
    }

    /** Whether the worker's process group is stopped by a pause. */
    boolean paused() {
        return pausedAt != null;
    }

    void paused(Instant now) {
        pausedAt = now;
    }

    /**
     * Ends a pause and freezes the stuck clock over it: the last progress moves forward by the paused time, so
     * only time the worker could work counts towards {@code workers.stuck-after}. Returns how long it was paused.
     */
    java.time.Duration resumed(Instant now) {
        java.time.Duration paused = java.time.Duration.between(pausedAt, now);
        Instant output = worker.lastOutputAt();
        lastChangeAt = (output.isAfter(lastChangeAt) ? output : lastChangeAt).plus(paused);
        pausedAt = null;
        return paused;
    }

    /** Looks at the working copy and branch head; returns the latest moment anything moved. */
    Instant lastProgress(String head, Instant now) {
        if (!fingerprint.startsWith(head + "@") || !lastWalkAt.plus(walkEvery).isAfter(now)) {
            lastWalkAt = now;
            String current = head + "@" + newestFileTime();
            if (!current.equals(fingerprint)) {
                fingerprint = current;
                lastChangeAt = now;
            }
        }
        Instant output = worker.lastOutputAt();
        return output.isAfter(lastChangeAt) ? output : lastChangeAt;
    }

    private long newestFileTime() {
        long[] newest = {0};
        try {
            Files.walkFileTree(workingCopy, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    newest[0] = Math.max(newest[0], attrs.lastModifiedTime().toMillis());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a file deleted while walking is activity too, seen next time
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return newest[0];
    }
}
