package dev.czar.evidence.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The two CSV files one import stages for H2's bulk load ({@code runs.csv}, {@code metrics.csv}), in a directory
 * of its own under the database's scratch dir. The directory is named after the importing process
 * ({@code import-<pid>-...}) so that a later import can tell the leftovers of a killed process from a live import
 * and delete them ({@link #sweep}).
 */
final class ImportStaging implements AutoCloseable {
    static final String PREFIX = "import-";

    private final Path dir;
    private final Writer runs;
    private final Writer metrics;

    private ImportStaging(Path dir) throws IOException {
        this.dir = dir;
        this.runs = Files.newBufferedWriter(dir.resolve("runs.csv"), StandardCharsets.UTF_8);
        this.metrics = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
    }

    /** Sweeps what dead imports left in {@code scratch}, then creates this import's directory there. */
    static ImportStaging create(Path scratch) throws IOException {
        Files.createDirectories(scratch);
        sweep(scratch);
        return new ImportStaging(Files.createTempDirectory(scratch, PREFIX + ProcessHandle.current().pid() + "-"));
    }

    Writer runs() {
        return runs;
    }

    Writer metrics() {
        return metrics;
    }

    /** The file as an H2 {@code CSVREAD} table expression. */
    String csvread(String file) {
        return "CSVREAD('" + dir.resolve(file).toAbsolutePath().toString().replace("'", "''") + "', NULL, 'charset=UTF-8')";
    }

    /** Flushes both files so that the database can read them. */
    void finishWriting() throws IOException {
        runs.close();
        metrics.close();
    }

    /**
     * Deletes the staging directories in {@code scratch} whose process is gone (a SIGKILLed import cannot clean up
     * after itself). A directory of a live process, this one included, is left alone.
     *
     * @return the directories deleted
     */
    static List<Path> sweep(Path scratch) throws IOException {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(scratch, PREFIX + "*")) {
            for (Path dir : dirs) {
                Long pid = pid(dir.getFileName().toString());
                if (pid == null || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                deleteTree(dir);
                deleted.add(dir);
            }
        }
        return deleted;
    }

    /** The pid in {@code import-<pid>-<random>}, or null when the name has another shape (not ours: left alone). */
    private static Long pid(String name) {
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            finishWriting();
        } finally {
            deleteTree(dir);
        }
    }
}
