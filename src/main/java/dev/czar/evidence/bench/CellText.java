package dev.czar.evidence.bench;

import java.util.Locale;
import java.util.Set;

/**
 * What one raw cell of a benchmark record says, checked without regular expressions on the hot path: whether it is a
 * null token, a plain decimal, a whole number or a hex SHA; and how a bad cell is quoted in a reason or a note.
 */
final class CellText {
    private static final Set<String> NULL_TOKENS = Set.of("", "n", "none", "nan", "-nan", "null", "nil", "na", "n/a",
            "-", "--", "?", "undefined", "inf", "-inf", "+inf", "infinity", "-infinity");
    private static final int LONGEST_NULL_TOKEN = NULL_TOKENS.stream().mapToInt(String::length).max().orElseThrow();
    /** The first characters of the null tokens (lower case): a cell starting with another one is no null token. */
    private static final String NULL_TOKEN_STARTS = NULL_TOKENS.stream().filter(t -> !t.isEmpty())
            .map(t -> t.substring(0, 1)).distinct().reduce("", String::concat);

    private CellText() {
    }

    static boolean isNullToken(String raw) {
        String value = raw.strip();
        // most cells are longer than the longest token or start like none: skip lower-casing a copy of each (a hot path)
        if (value.isEmpty()) {
            return true;
        }
        return value.length() <= LONGEST_NULL_TOKEN && NULL_TOKEN_STARTS.indexOf(Character.toLowerCase(value.charAt(0))) >= 0
                && NULL_TOKENS.contains(value.toLowerCase(Locale.ROOT));
    }

    static String blankToNull(String raw) {
        return raw == null || isNullToken(raw) ? null : raw.strip();
    }

    /** {@code [+-]?(\d+\.?\d*|\.\d+)}: a value without exponent or unit, the common case, checked without a regex. */
    static boolean isPlainDecimal(String s) {
        int i = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        int before = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            before++;
        }
        int after = 0;
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                after++;
            }
            if (before == 0 && after == 0) {
                return false;
            }
        }
        return i == s.length() && before + after > 0;
    }

    /** {@code [+-]?\d{1,10}} */
    static boolean isInteger(String s) {
        int from = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        int digits = s.length() - from;
        if (digits < 1 || digits > 10) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9a-fA-F]{4,64}} */
    static boolean isHex(String s) {
        if (s.length() < 4 || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && (c < 'a' || c > 'f') && (c < 'A' || c > 'F')) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Adds why an optional cell was stored as NULL to the row's notes. */
    static void note(StringBuilder notes, String note) {
        if (!notes.isEmpty()) {
            notes.append("; ");
        }
        notes.append(note).append(" (stored as NULL)");
    }

    /** The cell on one line and at most 40 characters, for a reason or a note. */
    static String shorten(String raw) {
        String oneLine = raw.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine;
    }
}
