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
 * The CSV files one import stages for H2's bulk load, in a directory of its own under the database's scratch dir,
 * one {@link Chunk} at a time. The directory is named after the importing process ({@code import-<pid>-...}) so
 * that a later import can tell the leftovers of a killed process from a live import and delete them ({@link #sweep}).
 */
final class ImportStaging implements AutoCloseable {
    static final String PREFIX = "import-";
    static final String RUNS_HEADER = "ID,RUN_HASH,SOURCE,BENCHMARK,VARIANT,ITERATION,COMMIT_SHA,BRANCH,RAN_AT\n";
    static final String METRICS_HEADER = "RUN_ID,METRIC,V,UNIT,RAW_VALUE,RAW_UNIT,CONVERSION,RAW_FIELDS,NOTES,LINE\n";

    private final Path dir;
    private int chunks;
    private Chunk current;

    private ImportStaging(Path dir) throws IOException {
        this.dir = dir;
        this.current = new Chunk(dir, chunks++);
    }

    /** Sweeps what dead imports left in {@code scratch}, then creates this import's directory there. */
    static ImportStaging create(Path scratch) throws IOException {
        Files.createDirectories(scratch);
        sweep(scratch);
        return new ImportStaging(Files.createTempDirectory(scratch, PREFIX + ProcessHandle.current().pid() + "-"));
    }

    Chunk current() {
        return current;
    }

    /** Closes the current chunk's files for loading and starts the next chunk. */
    Chunk rotate() throws IOException {
        Chunk full = current;
        full.finishWriting();
        current = new Chunk(dir, chunks++);
        return full;
    }

    /**
     * The files of one chunk: runs new to the store, metrics of those runs, and metrics of runs already stored
     * ("known", loaded with a check against the store). Row counts are kept to verify the load.
     */
    static final class Chunk {
        private final Path runs;
        private final Path metrics;
        private final Path known;
        final Writer runsOut;
        final Writer metricsOut;
        final Writer knownOut;
        int runCount;
        int metricCount;
        int knownCount;

        private Chunk(Path dir, int n) throws IOException {
            this.runs = dir.resolve("runs-" + n + ".csv");
            this.metrics = dir.resolve("metrics-" + n + ".csv");
            this.known = dir.resolve("known-" + n + ".csv");
            this.runsOut = Files.newBufferedWriter(runs, StandardCharsets.UTF_8);
            this.metricsOut = Files.newBufferedWriter(metrics, StandardCharsets.UTF_8);
            this.knownOut = Files.newBufferedWriter(known, StandardCharsets.UTF_8);
            runsOut.write(RUNS_HEADER);
            metricsOut.write(METRICS_HEADER);
            knownOut.write(METRICS_HEADER);
        }

        int rows() {
            return runCount + metricCount + knownCount;
        }

        /** The file as an H2 {@code CSVREAD} table expression; {@code which} is runs, metrics or known. */
        String csvread(String which) {
            Path file = switch (which) {
                case "runs" -> runs;
                case "metrics" -> metrics;
                default -> known;
            };
            return "CSVREAD('" + file.toAbsolutePath().toString().replace("'", "''") + "', NULL, 'charset=UTF-8')";
        }

        void finishWriting() throws IOException {
            runsOut.close();
            metricsOut.close();
            knownOut.close();
        }

        /** Deletes the chunk's files once they are loaded: a big import keeps at most two chunks on disk. */
        void delete() throws IOException {
            finishWriting();
            Files.deleteIfExists(runs);
            Files.deleteIfExists(metrics);
            Files.deleteIfExists(known);
        }
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
            current.finishWriting();
        } finally {
            deleteTree(dir);
        }
    }
}
