package dev.czar.workers;

import dev.czar.store.PrivateFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.czar.chat.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The shared status file ({@code CZAR_STATUS_FILE}): every workstream's name, branch, state, one-line task, files
 * touched so far and the tasks close to its own, plus the recently finished workstreams, so each worker can see
 * what the others do and have done. Written atomically (temp file + rename),
 * outside every working copy.
 */
public final class StatusFile {
    private final Path file;
    private String lastWritten = "";

    public StatusFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /**
     * One workstream in the file; {@code closeTasks} names the other workstreams (live or recently finished) whose
     * tasks are close to this one's, "fix-auth (0.86, RUNNING)", so a worker can check it is not redoing them.
     */
    public record Entry(String name, String branch, String state, String task, String head, List<String> filesTouched,
                       List<String> closeTasks) {
        public Entry(String name, String branch, String state, String task, String head, List<String> filesTouched) {
            this(name, branch, state, task, head, filesTouched, List.of());
        }
    }

    /** A workstream that finished (merged, failed, killed) recently: its task is done or abandoned, not open. */
    public record Finished(String name, String state, String task, Instant at) {
    }

    public record Content(Instant updatedAt, List<Entry> workstreams, List<String> alerts, List<Finished> recentlyFinished) {
    }

    /** Rewrites the file when its content changed. */
    public synchronized void write(List<Entry> entries, List<WorkerAlert> alerts, Instant now) {
        write(entries, alerts, List.of(), now);
    }

    /** Rewrites the file when its content changed; alerts are one line per duplicate cluster. */
    public synchronized void write(List<Entry> entries, List<WorkerAlert> alerts, List<Finished> finished, Instant now) {
        try {
            List<String> lines = AlertGroups.lines(alerts);
            String body = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    new Content(null, entries, lines, finished));
            if (body.equals(lastWritten) && Files.exists(file)) {
                return;
            }
            String stamped = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    new Content(now, entries, lines, finished));
            PrivateFiles.directory(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            PrivateFiles.write(tmp, stamped + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            lastWritten = body;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
