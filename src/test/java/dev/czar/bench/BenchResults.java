package dev.czar.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.czar.chat.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One row of the summary table in docs/EVIDENCE.md, as the benchmark or test that measured it records it. Under the
 * bench profile ({@code -Dczar.bench=true}) each row is written to {@code target/bench-results/KEY.json} tagged with
 * the Maven run ({@code czar.bench.run}); {@link BenchSummary} assembles the rows of the current run at the end. In
 * the default build recording does nothing, so tests that also run there stay side-effect free.
 */
public final class BenchResults {
    /** A summary row: {@code held} is computed by the recording test from its own figures, never typed. */
    public record Row(String key, String run, String what, String how, String target, String measured, boolean held) {
    }

    private BenchResults() {
    }

    /** Whether this JVM runs under the bench profile. */
    public static boolean enabled() {
        return Boolean.getBoolean("czar.bench");
    }

    /** The Maven run every row of this bench run carries (the build timestamp, UTC, to the minute). */
    public static String run() {
        return System.getProperty("czar.bench.run", "unknown");
    }

    /** Records one row under {@code key} (which also orders the table) when running under the bench profile. */
    public static void record(String key, String what, String how, String target, String measured, boolean held) {
        if (!enabled()) {
            return;
        }
        Row row = new Row(key, run(), what, how, target, measured, held);
        try {
            Path file = dir().resolve(key + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded row, of any run, sorted by key. */
    static List<Row> all() {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                rows.add(Json.MAPPER.readValue(Files.readString(f), Row.class));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable bench result in " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Path dir() {
        return Path.of(System.getProperty("czar.bench.results", "target/bench-results"));
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    public static String count(long n) {
        return String.format("%,d", n);
    }
}
