package dev.czar.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of another process, from {@code /proc/<pid>/status} (Linux). */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** VmRSS in KB, or 0 when the process is gone (so a sampler never fails on the last sample). */
    public static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // process gone
        }
        return 0;
    }

    /** KB as whole MB. */
    public static String mb(long kb) {
        return String.format("%.0f MB", kb / 1024.0);
    }
}
