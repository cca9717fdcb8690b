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
 * The shared status file ({@code CZAR_STATUS_FILE}): every workstream's name, branch, state, one-line task and
 * files touched so far, so each worker can see what the others do. Written atomically (temp file + rename),
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

    /** One workstream in the file. */
    public record Entry(String name, String branch, String state, String task, String head, List<String> filesTouched) {
    }

    public record Content(Instant updatedAt, List<Entry> workstreams, List<String> alerts) {
    }

    /** Rewrites the file when its content changed. */
    public synchronized void write(List<Entry> entries, List<WorkerAlert> alerts, Instant now) {
        try {
            String body = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    new Content(null, entries, alerts.stream().map(WorkerAlert::line).toList()));
            if (body.equals(lastWritten) && Files.exists(file)) {
                return;
            }
            String stamped = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    new Content(now, entries, alerts.stream().map(WorkerAlert::line).toList()));
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
