package dev.czar.agent;

/**
 * Values assigned to secret-sounding names, checked at each {@code :} or {@code =}: the name is read backwards
 * (never past the previous separator, which no name contains), the value forwards through {@link ScanText}'s runs.
 * Any value of four or more characters is masked ({@code DB_PASSWORD=hunter2}, {@code "client_secret": "x1y2"}),
 * except numbers, booleans and nulls, which are settings ({@code "max_tokens": 1024}). A value is a certain
 * credential only in the shapes a review reports: a quoted literal with letters and digits, an {@code .env} line,
 * an AWS secret access key; {@code token = tokenizer.next()} is masked but is not a finding.
 */
final class Assignments {
    private static final String[] NAME_WORDS = {"password", "passwd", "pwd", "secret", "token", "apikey", "api_key",
            "api-key", "accesskey", "access_key", "access-key", "privatekey", "private_key", "private-key", "credential"};
    private static final String[] LITERAL_NAME_WORDS = {"password", "passwd", "secret", "apikey", "api_key", "token"};
    private static final String[] ENV_NAME_WORDS = {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY"};
    private static final String[] AWS_SECRET_NAMES = {"secret_access_key", "aws_secret_key", "secretaccesskey"};
    private static final String[] PLACEHOLDERS = {"${", "[redacted", "changeme", "example", "<"};

    private final ScanText t;

    Assignments(ScanText t) {
        this.t = t;
    }

    /** The secret assigned by the separator at {@code sep}, or null. */
    SecretScanner.Finding at(int sep) {
        int beforeSpace = t.runStart(CharClass.SPACE, sep);
        int quoteless = CharClass.isQuote(t.at(beforeSpace - 1)) ? beforeSpace - 1 : beforeSpace;
        int nameEnd = t.at(quoteless - 1) == '\\' ? quoteless - 1 : quoteless;
        int nameStart = t.runStart(CharClass.NAME, nameEnd);
        if (nameStart == nameEnd) {
            return null;
        }
        int valueSpace = t.runEnd(ScanText.Site.VALUE_SPACE, sep + 1);
        if (nameEnd == quoteless && endsWithAny(nameStart, nameEnd, AWS_SECRET_NAMES)) {
            int v = CharClass.isQuote(t.at(valueSpace)) ? valueSpace + 1 : valueSpace;
            if (awsSecretAt(v)) {
                return new SecretScanner.Finding(SecretKind.AWS_SECRET_KEY, v, v + 40, true);
            }
        }
        int masked = masked(nameStart, nameEnd, valueSpace);
        int literal = nameEnd == quoteless ? quotedLiteralEnd(nameEnd, valueSpace) : -1;
        int env = t.at(sep) == '=' ? envValueEnd(beforeSpace, valueSpace) : -1;
        int start = valueStart(valueSpace);
        int end = Math.max(masked, Math.max(literal, env));
        return end > start ? new SecretScanner.Finding(SecretKind.SECRET, start, end, literal >= 0 || env >= 0) : null;
    }

    private int valueStart(int valueSpace) {
        int v = t.at(valueSpace) == '\\' ? valueSpace + 1 : valueSpace;
        return CharClass.isQuote(t.at(v)) ? v + 1 : v;
    }

    /** The end of a value to mask after a name with a secret word: 4+ characters, not a number, boolean or null. */
    private int masked(int nameStart, int nameEnd, int valueSpace) {
        if (!t.containsIgnoreCase(nameStart, nameEnd, NAME_WORDS)) {
            return -1;
        }
        int v = valueStart(valueSpace);
        int digits = v;
        while (isDigit(t.at(digits))) {
            digits++;
        }
        if (digits > v && !CharClass.isWord(t.at(digits))) {
            return -1;
        }
        for (String setting : new String[] {"true", "false", "null", "[redacted"}) {
            if (t.startsWithIgnoreCase(setting, v) && !CharClass.isWord(t.at(v + setting.length()))) {
                return -1;
            }
        }
        int e = t.runEnd(ScanText.Site.VALUE, v);
        return e - v >= 4 ? e : -1;
    }

    /**
     * The end of {@code secret_word…: "literal"} where the literal has 8+ characters, letters and digits, and is no
     * placeholder ({@code ${…}}, {@code changeme}, {@code <…>}); -1 otherwise.
     */
    private int quotedLiteralEnd(int nameEnd, int valueSpace) {
        int word = t.runStart(CharClass.WORD, nameEnd);
        if (!t.containsIgnoreCase(word, nameEnd, LITERAL_NAME_WORDS) || !CharClass.isQuote(t.at(valueSpace))) {
            return -1;
        }
        int from = valueSpace + 1;
        for (String placeholder : PLACEHOLDERS) {
            if (t.startsWithIgnoreCase(placeholder, from)) {
                return -1;
            }
        }
        int e = t.runEnd(ScanText.Site.LITERAL, from);
        if (e - from < 8 || !CharClass.isQuote(t.at(e))) {
            return -1;
        }
        boolean letter = false;
        boolean digit = false;
        for (int k = from; k < e && !(letter && digit); k++) {
            char c = t.at(k);
            letter |= Character.isLetter(c);
            digit |= isDigit(c);
        }
        return letter && digit ? e : -1;
    }

    /** The end of an {@code .env} line's value: {@code [export] UPPER_SECRET_NAME=value} (8+ characters); -1 otherwise. */
    private int envValueEnd(int nameEnd, int valueSpace) {
        int name = t.runStart(CharClass.ENV_NAME, nameEnd);
        if (name == nameEnd || !t.contains(name, nameEnd, ENV_NAME_WORDS) || !lineStartsBefore(name)) {
            return -1;
        }
        int e = t.runEnd(ScanText.Site.ENV_VALUE, valueSpace);
        return e - valueSpace >= 8 ? e : -1;
    }

    /** Whether only {@code [+- ]? \s* (export \s+)?} stands between a line start and {@code at}. */
    private boolean lineStartsBefore(int at) {
        int p = t.runStart(CharClass.SPACE, at);
        if (p < at && t.startsWith("export", p - 6) && !CharClass.isWord(t.at(p - 7))) {
            p = t.runStart(CharClass.SPACE, p - 6);
        }
        for (int k = p; k < at; k++) {
            if (t.at(k) == '\n') {
                return true;
            }
        }
        char before = t.at(p - 1);
        if (before == '+' || before == '-') {
            before = t.at(p - 2);
        }
        return before == 0 || before == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean endsWithAny(int from, int to, String[] lowerWords) {
        for (String w : lowerWords) {
            if (to - w.length() >= from && t.startsWithIgnoreCase(w, to - w.length())) {
                return true;
            }
        }
        return false;
    }

    /** {@code [A-Za-z0-9/+=]{40}\b} at {@code v}. */
    private boolean awsSecretAt(int v) {
        for (int k = v; k < v + 40; k++) {
            if (!CharClass.AWS_SECRET.has(t.at(k))) {
                return false;
            }
        }
        return CharClass.isWord(t.at(v + 39)) != CharClass.isWord(t.at(v + 40));
    }
}
