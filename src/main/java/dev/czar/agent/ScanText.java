package dev.czar.agent;

/**
 * The text under a {@link SecretScanner} pass, with the one operation that could make scanning quadratic made
 * linear: the end of a run of characters of one class. Each {@link Site} (a place in a format where a run is read)
 * is asked with ever larger starting points, so it remembers its last run: a start inside that run has the same end,
 * and every character is read at most once per site. {@link #work} counts the characters read, so tests can
 * prove the bound without timing anything.
 */
final class ScanText {
    /** The places where a format reads a run, each with its character class. */
    enum Site {
        PEM_BEGIN(CharClass.PEM_LABEL), PEM_END(CharClass.PEM_LABEL),
        SLACK(CharClass.ALNUM_DASH), WEBHOOK(CharClass.WEBHOOK_PATH),
        GITHUB(CharClass.ALNUM), GITHUB_PAT(CharClass.WORD), SK(CharClass.B64URL),
        JWT_HEADER(CharClass.B64URL), JWT_PAYLOAD(CharClass.B64URL), JWT_SIGNATURE(CharClass.B64URL),
        URL_USER(CharClass.URL_USER), URL_PASSWORD(CharClass.URL_PASSWORD),
        BEARER_SPACE(CharClass.SPACE), BEARER_TOKEN(CharClass.BEARER_TOKEN),
        VALUE_SPACE(CharClass.SPACE), VALUE(CharClass.VALUE), LITERAL(CharClass.LITERAL), ENV_VALUE(CharClass.ENV_VALUE);

        final CharClass chars;

        Site(CharClass chars) {
            this.chars = chars;
        }
    }

    final CharSequence text;
    final int length;
    private final int[] runFrom = new int[Site.values().length];
    private final int[] runEnd = new int[Site.values().length];
    private long work;

    ScanText(CharSequence text) {
        this.text = text;
        this.length = text.length();
        java.util.Arrays.fill(runFrom, -1);
        java.util.Arrays.fill(runEnd, -1);
    }

    long work() {
        return work;
    }

    /** The character at {@code i}, or 0 past either end (0 belongs to no class a format uses). */
    char at(int i) {
        work++;
        return i >= 0 && i < length ? text.charAt(i) : 0;
    }

    /** The end (exclusive) of the run of {@code site}'s class that starts at {@code from}; {@code from} if none. */
    int runEnd(Site site, int from) {
        int s = site.ordinal();
        if (runFrom[s] >= 0 && from >= runFrom[s] && from <= runEnd[s]) {
            work++;
            return runEnd[s];
        }
        int i = from;
        while (i < length && site.chars.has(at(i))) {
            i++;
        }
        runFrom[s] = from;
        runEnd[s] = i;
        return i;
    }

    /** The start of the run of {@code chars} that ends (exclusive) at {@code to}; {@code to} if none. */
    int runStart(CharClass chars, int to) {
        int i = to;
        while (i > 0 && chars.has(at(i - 1))) {
            i--;
        }
        return i;
    }

    boolean startsWith(String prefix, int at) {
        if (at < 0 || at + prefix.length() > length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (at(at + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    boolean startsWithIgnoreCase(String lowerPrefix, int at) {
        if (at < 0 || at + lowerPrefix.length() > length) {
            return false;
        }
        for (int k = 0; k < lowerPrefix.length(); k++) {
            if (Character.toLowerCase(at(at + k)) != lowerPrefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a word starts at {@code i} ({@code \b} before a word character). */
    boolean wordStartsAt(int i) {
        return !CharClass.isWord(at(i - 1));
    }

    /** Whether {@code [from, to)} contains one of {@code lowerWords}, ignoring case. */
    boolean containsIgnoreCase(int from, int to, String... lowerWords) {
        for (int i = from; i < to; i++) {
            for (String w : lowerWords) {
                if (i + w.length() <= to && startsWithIgnoreCase(w, i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code [from, to)} contains one of {@code words} exactly. */
    boolean contains(int from, int to, String... words) {
        for (int i = from; i < to; i++) {
            for (String w : words) {
                if (i + w.length() <= to && startsWith(w, i)) {
                    return true;
                }
            }
        }
        return false;
    }
}
