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
    private String fingerprint = "";
    private Instant lastChangeAt;

    Activity(RunningWorker worker, Path workingCopy, Instant now) {
        this.worker = worker;
        this.workingCopy = workingCopy;
        this.lastChangeAt = now;
    }

    RunningWorker worker() {
        return worker;
    }

    Path workingCopy() {
        return workingCopy;
    }

    /** Looks at the working copy and branch head; returns the latest moment anything moved. */
    Instant lastProgress(String head, Instant now) {
        String current = head + "@" + newestFileTime();
        if (!current.equals(fingerprint)) {
            fingerprint = current;
            lastChangeAt = now;
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
