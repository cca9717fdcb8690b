package dev.czar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes one benchmark's table into {@code docs/PERFORMANCE.md}, between {@code <!-- bench:NAME -->} markers, so each
 * benchmark of {@code ./mvnw -Pbench verify} replaces only its own section and hand-written text stays. Every section
 * states the machine, the date and the load average, because the build machine is shared and figures swing with it.
 */
public final class PerformanceReport {
    private static final String HEADER = "# Performance figures\n\n"
            + "Written by `./mvnw -Pbench verify` (see README, \"Benchmarks\"); each section below is replaced by the benchmark\n"
            + "that owns it on every run. The summary with targets is in docs/EVIDENCE.md.\n\n";

    private PerformanceReport() {
    }

    /** Replaces (or appends) the section {@code name} with a title, the machine line and {@code body}. */
    public static Path write(String name, String title, String loadBefore, String body) {
        Path file = Path.of(System.getProperty("czar.docs", "docs")).resolve("PERFORMANCE.md");
        String open = "<!-- bench:" + name + " -->";
        String close = "<!-- /bench:" + name + " -->";
        String section = open + "\n## " + title + "\n\n" + machine() + "\nLoad average (1, 5, 15 min) before: " + loadBefore
                + "; after: " + loadAverage() + ".\n\n" + body.strip() + "\n" + close;
        try {
            Files.createDirectories(file.getParent());
            String text = Files.exists(file) ? Files.readString(file) : HEADER;
            int start = text.indexOf(open);
            int end = text.indexOf(close);
            String updated = start >= 0 && end > start
                    ? text.substring(0, start) + section + text.substring(end + close.length())
                    : text.stripTrailing() + "\n\n" + section + "\n";
            Files.writeString(file, updated);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cores, CPU model, memory, Java version and the UTC time of measurement. */
    public static String machine() {
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + memTotal() + " RAM, Java " + System.getProperty("java.version") + "; measured "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " (UTC), on a machine shared with other builds.\n";
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static String memTotal() {
        return procLine("/proc/meminfo", "MemTotal").map(l -> {
            long kb = Long.parseLong(l.replaceAll("\\D", ""));
            return (kb / 1024 / 1024) + " GB";
        }).orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Milliseconds with two decimals. */
    public static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }
}
