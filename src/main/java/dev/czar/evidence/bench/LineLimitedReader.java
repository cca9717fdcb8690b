package dev.czar.evidence.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.IntConsumer;

/**
 * A {@link BufferedReader} whose {@link #readLine()} never holds more than {@code maxChars} of a line: a longer
 * line is skipped to its end, reported to {@code tooLong} with its number, and read as an empty line (which every
 * record reader skips, so line numbers stay right). A gigabyte without a newline costs one buffer, not a gigabyte.
 */
final class LineLimitedReader extends BufferedReader {
    private final Reader in;
    private final int maxChars;
    private final IntConsumer tooLong;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int len;
    private int number;
    private boolean skipLineFeed;

    LineLimitedReader(Reader in, int maxChars, IntConsumer tooLong) {
        super(in, 1);
        this.in = in;
        this.maxChars = maxChars;
        this.tooLong = tooLong;
    }

    @Override
    public String readLine() throws IOException {
        line.setLength(0);
        boolean over = false;
        boolean any = false;
        while (true) {
            if (pos == len && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (!over && line.length() + (pos - start) > maxChars) {
                over = true;
                line.setLength(0);
            } else if (!over) {
                line.append(buffer, start, pos - start);
            }
            if (pos < len) {
                skipLineFeed = buffer[pos++] == '\r'; // "\r\n" is one line break
                break;
            }
        }
        number++;
        if (over) {
            tooLong.accept(number);
            return "";
        }
        return line.toString();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        len = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
