package dev.czar.agent;

/**
 * Control characters in text that came from outside (worker output, commit subjects, request bodies): removed
 * before it is shown to a person, escaped before it is written to a log line, so that nobody can forge a log line,
 * hide text behind a terminal escape, or ring a terminal's bell through czar.
 */
public final class ControlChars {
    private static final char ESC = 0x1B;
    private static final char BEL = 0x07;
    private static final char CSI = 0x9B;

    private ControlChars() {
    }

    /**
     * Without ANSI escape sequences (CSI {@code ESC [ … final}, OSC {@code ESC ] … BEL}, two-character escapes) and
     * without other C0/C1 control characters and DEL; line breaks ({@code \n}, {@code \r\n} as {@code \n}) and tabs
     * stay. Unicode bidirectional overrides are removed as well: they make a line read differently from what it is.
     */
    public static String strip(String text) {
        if (text == null || !hasControl(text, false)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ESC || c == CSI) {
                i = escapeEnd(text, i);
            } else {
                if (c == '\n' || c == '\t' || !isControl(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    /**
     * One line for a log file: line breaks as {@code \r} and {@code \n}, tabs kept, every
     * other control character (NUL, ESC, C1, DEL, line and paragraph separators, bidi overrides) as {@code \}{@code uXXXX}.
     */
    public static String escape(String text) {
        if (text == null || !hasControl(text, true)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Where the escape sequence starting at {@code i} ends (exclusive); an unterminated one runs to the end. */
    private static int escapeEnd(String text, int i) {
        int n = text.length();
        boolean csi = text.charAt(i) == CSI || (i + 1 < n && text.charAt(i + 1) == '[');
        boolean osc = i + 1 < n && text.charAt(i) == ESC && text.charAt(i + 1) == ']';
        int k = text.charAt(i) == CSI ? i + 1 : i + 2;
        if (csi) {
            while (k < n && text.charAt(k) >= 0x20 && text.charAt(k) <= 0x3F) {
                k++; // parameters and intermediates
            }
            return k < n && text.charAt(k) >= 0x40 && text.charAt(k) <= 0x7E ? k + 1 : k;
        }
        if (osc) {
            while (k < n && text.charAt(k) != BEL && text.charAt(k) != ESC && text.charAt(k) != '\n') {
                k++;
            }
            if (k < n && text.charAt(k) == ESC && k + 1 < n && text.charAt(k + 1) == '\\') {
                return k + 2;
            }
            return k < n && text.charAt(k) == BEL ? k + 1 : k;
        }
        return Math.min(n, i + 2); // ESC and one character: ESC c, ESC 7, ESC ( …
    }

    private static boolean hasControl(String text, boolean lineFeedCounts) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) || lineFeedCounts && c == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' && c != '\n'
                || c >= 0x7F && c <= 0x9F
                || c == '\u2028' || c == '\u2029'
                || c >= '\u202A' && c <= '\u202E'
                || c >= '\u2066' && c <= '\u2069';
    }
}
