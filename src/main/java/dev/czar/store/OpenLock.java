package dev.czar.store;

import dev.czar.UserError;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one process at a time open a home's database. Two czar processes started together on a fresh home (say
 * {@code czar supervise} and {@code czar launch}) would otherwise both create its schema and users, and H2 fails one
 * of them with "object already exists". A file lock orders processes; a JVM lock orders threads of one process,
 * which a file lock does not.
 */
final class OpenLock implements AutoCloseable {
    static final String FILE_NAME = "open.lock";
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private OpenLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits at most {@code wait} for other openers of {@code dbDir} to finish. */
    static OpenLock acquire(Path dbDir, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!IN_PROCESS.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(dbDir, wait);
            }
            FileChannel channel = null;
            try {
                PrivateFiles.directory(dbDir);
                Path file = dbDir.resolve(FILE_NAME);
                PrivateFiles.touch(file);
                channel = FileChannel.open(file, StandardOpenOption.WRITE);
                FileLock lock;
                while ((lock = channel.tryLock()) == null) {
                    if (System.nanoTime() > deadline) {
                        throw busy(dbDir, wait);
                    }
                    Thread.sleep(50);
                }
                return new OpenLock(channel, lock);
            } catch (IOException | RuntimeException | InterruptedException e) {
                closeQuietly(channel);
                IN_PROCESS.unlock();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(dbDir, wait);
        } catch (IOException e) {
            throw new UserError("cannot lock " + dbDir.resolve(FILE_NAME) + ": " + e.getMessage()
                    + " (pick another state dir with --home)", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        closeQuietly(channel);
        IN_PROCESS.unlock();
    }

    private static UserError busy(Path dbDir, Duration wait) {
        return new UserError("another czar process is opening the czar database in " + dbDir + " and did not finish within "
                + wait.toSeconds() + " s (stopped or hung?): resume or end it, then retry");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }
}
