package dev.czar.workers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, reading only its end: agent logs can grow to many megabytes. */
final class LogTail {
    private static final int WINDOW = 64 * 1024;

    private LogTail() {
    }

    static String lastLines(Path file, int lines) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - WINDOW);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (start > 0 && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line was cut by the window
            }
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }
}
