package dev.czar.workers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into UTF-8 lines as it arrives, holding at most {@code maxLineBytes} of the current line: a
 * longer line keeps its start and loses the rest (an agent's event is read from its start; a huge tool output in
 * the middle of a stream must not make the supervisor's memory grow with it).
 */
final class LineSplitter {
    private final int maxLineBytes;
    private byte[] line = new byte[256];
    private int length;

    LineSplitter(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Adds {@code n} bytes; each line they complete goes to {@code lines}, without its line break. */
    void feed(byte[] bytes, int n, Consumer<String> lines) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i);
                lines.accept(take());
                start = i + 1;
            }
        }
        append(bytes, start, n);
    }

    /** The line begun but not ended yet (empty when none). */
    String pending() {
        return decode();
    }

    /** The unfinished last line at the end of the stream, if any. */
    void finish(Consumer<String> lines) {
        if (length > 0) {
            lines.accept(take());
        }
    }

    private void append(byte[] bytes, int from, int to) {
        int n = Math.min(to - from, maxLineBytes - length);
        if (n <= 0) {
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + n)));
        }
        System.arraycopy(bytes, from, line, length, n);
        length += n;
    }

    private String take() {
        String text = decode();
        length = 0;
        if (line.length > 64 * 1024) {
            line = new byte[256]; // one huge line must not keep its buffer for the rest of the run
        }
        return text;
    }

    private String decode() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }
}
