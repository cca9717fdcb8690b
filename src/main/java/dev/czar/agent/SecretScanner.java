package dev.czar.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one place that knows what a credential looks like. One left-to-right pass: at each character only the
 * formats that can start there (an anchor: {@code xox}, {@code ghp_}, {@code sk-}, {@code AKIA}, {@code eyJ},
 * {@code -----BEGIN}, {@code ://}, {@code bearer}, a {@code :} or {@code =} after a secret-sounding name) are
 * checked, each reading forward through {@link ScanText}'s remembered runs, so the work is bounded per character
 * whatever the input: no regular expression, no backtracking. The {@link Redactor} masks what it finds; the
 * review's {@code Secrets} reports the findings that are surely credentials.
 */
public final class SecretScanner {
    /**
     * A credential at {@code [start, end)}.
     *
     * @param certain whether the text is surely a credential (a known token format, or a quoted or .env literal),
     *                not merely a value assigned to a secret-sounding name such as {@code token = next()}
     */
    public record Finding(SecretKind kind, int start, int end, boolean certain) {
    }

    /** What a pass found, ordered by start, and how many characters it read. */
    public record Scan(List<Finding> findings, long work) {
    }

    /** Earlier first; at the same start a token's own format before a name's assignment. */
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(f -> f.kind() == SecretKind.SECRET || f.kind() == SecretKind.AWS_SECRET_KEY);

    private SecretScanner() {
    }

    public static Scan scan(CharSequence text) {
        ScanText t = new ScanText(text);
        List<Finding> found = new ArrayList<>();
        Assignments assignments = new Assignments(t);
        int tokenFloor = 0;
        int assignmentFloor = 0;
        for (int i = 0; i < t.length; i++) {
            char c = t.at(i);
            if (i >= tokenFloor) {
                Finding f = token(t, i, c);
                if (f != null) {
                    found.add(f);
                    tokenFloor = Math.max(f.end(), i + 1);
                }
            }
            if ((c == ':' || c == '=') && i >= assignmentFloor) {
                Finding f = assignments.at(i);
                if (f != null) {
                    found.add(f);
                    assignmentFloor = f.end();
                }
            }
        }
        found.sort(ORDER);
        return new Scan(found, t.work());
    }

    private static Finding token(ScanText t, int i, char c) {
        return switch (c) {
            case '-' -> privateKey(t, i);
            case 'x' -> t.wordStartsAt(i) ? slack(t, i) : null;
            case 'h' -> webhook(t, i);
            case 'g' -> t.wordStartsAt(i) ? github(t, i) : null;
            case 's' -> t.wordStartsAt(i) ? skKey(t, i) : null;
            case 'A' -> t.wordStartsAt(i) ? amazonOrGoogle(t, i) : null;
            case 'e' -> t.wordStartsAt(i) ? jwt(t, i) : null;
            case ':' -> urlPassword(t, i);
            case 'b', 'B' -> t.wordStartsAt(i) ? bearer(t, i) : null;
            default -> null;
        };
    }

    /** {@code -----BEGIN [A-Z ]*PRIVATE KEY-----} up to its END line, or to the end of the text. */
    private static Finding privateKey(ScanText t, int i) {
        if (!t.startsWith("-----BEGIN ", i)) {
            return null;
        }
        int label = pemLabelEnd(t, ScanText.Site.PEM_BEGIN, i + 11);
        if (label < 0) {
            return null;
        }
        int from = label + 5;
        while (from < t.length) {
            int end = indexOf(t, "-----END ", from);
            if (end < 0) {
                break;
            }
            int endLabel = pemLabelEnd(t, ScanText.Site.PEM_END, end + 9);
            if (endLabel >= 0) {
                return new Finding(SecretKind.PRIVATE_KEY, i, endLabel + 5, true);
            }
            from = end + 1;
        }
        return new Finding(SecretKind.PRIVATE_KEY, i, t.length, true);
    }

    /** Where {@code [A-Z ]*PRIVATE KEY} ends if it starts at {@code from} and {@code -----} follows; else -1. */
    private static int pemLabelEnd(ScanText t, ScanText.Site site, int from) {
        int e = t.runEnd(site, from);
        return e - from >= 11 && t.startsWith("PRIVATE KEY", e - 11) && t.startsWith("-----", e) ? e : -1;
    }

    private static int indexOf(ScanText t, String needle, int from) {
        for (int i = from; i + needle.length() <= t.length; i++) {
            if (t.at(i) == needle.charAt(0) && t.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code xox[abposr]-…} and {@code xapp-N-…}, at least ten characters after the prefix. */
    private static Finding slack(ScanText t, int i) {
        int from;
        if (t.startsWith("xox", i) && "abposr".indexOf(t.at(i + 3)) >= 0 && t.at(i + 4) == '-') {
            from = i + 5;
        } else if (t.startsWith("xapp-", i) && Character.isDigit(t.at(i + 5)) && t.at(i + 6) == '-') {
            from = i + 7;
        } else {
            return null;
        }
        int e = t.runEnd(ScanText.Site.SLACK, from);
        return e - from >= 10 ? new Finding(SecretKind.SLACK_TOKEN, i, e, true) : null;
    }

    private static Finding webhook(ScanText t, int i) {
        String prefix = "https://hooks.slack.com/services/";
        if (!t.startsWith(prefix, i)) {
            return null;
        }
        int e = t.runEnd(ScanText.Site.WEBHOOK, i + prefix.length());
        return e > i + prefix.length() ? new Finding(SecretKind.SLACK_WEBHOOK, i, e, true) : null;
    }

    /** {@code gh[pousr]_} and 30+ alphanumerics, or {@code github_pat_} and 40+ word characters. */
    private static Finding github(ScanText t, int i) {
        if (t.at(i + 1) == 'h' && "pousr".indexOf(t.at(i + 2)) >= 0 && t.at(i + 3) == '_') {
            int e = t.runEnd(ScanText.Site.GITHUB, i + 4);
            return e - (i + 4) >= 30 ? new Finding(SecretKind.GITHUB_TOKEN, i, e, true) : null;
        }
        if (t.startsWith("github_pat_", i)) {
            int e = t.runEnd(ScanText.Site.GITHUB_PAT, i + 11);
            return e - (i + 11) >= 40 ? new Finding(SecretKind.GITHUB_TOKEN, i, e, true) : null;
        }
        return null;
    }

    /** Anthropic ({@code sk-ant-}) and OpenAI ({@code sk-}, {@code sk-proj-}…) keys: 20+ base64url characters. */
    private static Finding skKey(ScanText t, int i) {
        if (!t.startsWith("sk-", i)) {
            return null;
        }
        int e = t.runEnd(ScanText.Site.SK, i + 3);
        if (t.startsWith("ant-", i + 3) && e - (i + 7) >= 20) {
            return new Finding(SecretKind.ANTHROPIC_KEY, i, e, true);
        }
        return e - (i + 3) >= 20 ? new Finding(SecretKind.OPENAI_KEY, i, e, true) : null;
    }

    /** AWS access key ids ({@code AKIA}/{@code ASIA} and 16 of {@code [0-9A-Z]}) and Google API keys ({@code AIza}). */
    private static Finding amazonOrGoogle(ScanText t, int i) {
        if (t.startsWith("AKIA", i) || t.startsWith("ASIA", i)) {
            for (int k = i + 4; k < i + 20; k++) {
                char c = t.at(k);
                if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                    return null;
                }
            }
            return CharClass.isWord(t.at(i + 20)) ? null : new Finding(SecretKind.AWS_ACCESS_KEY, i, i + 20, true);
        }
        if (t.startsWith("AIza", i)) {
            for (int k = i + 4; k < i + 39; k++) {
                if (!CharClass.B64URL.has(t.at(k))) {
                    return null;
                }
            }
            return new Finding(SecretKind.GOOGLE_API_KEY, i, i + 39, true);
        }
        return null;
    }

    /** {@code eyJ…​.eyJ…​.…}: a JSON Web Token, each part 10+ base64url characters. */
    private static Finding jwt(ScanText t, int i) {
        if (!t.startsWith("eyJ", i)) {
            return null;
        }
        int header = t.runEnd(ScanText.Site.JWT_HEADER, i + 3);
        if (header - (i + 3) < 10 || t.at(header) != '.' || !t.startsWith("eyJ", header + 1)) {
            return null;
        }
        int payload = t.runEnd(ScanText.Site.JWT_PAYLOAD, header + 4);
        if (payload - (header + 4) < 10 || t.at(payload) != '.') {
            return null;
        }
        int signature = t.runEnd(ScanText.Site.JWT_SIGNATURE, payload + 1);
        return signature - (payload + 1) >= 10 ? new Finding(SecretKind.JWT, i, signature, true) : null;
    }

    /** The password of {@code scheme://user:password@host}; the rest of the URL stays readable. */
    private static Finding urlPassword(ScanText t, int i) {
        if (!t.startsWith("://", i) || !schemeEndsAt(t, i)) {
            return null;
        }
        int user = t.runEnd(ScanText.Site.URL_USER, i + 3);
        if (user == i + 3 || t.at(user) != ':') {
            return null;
        }
        int password = t.runEnd(ScanText.Site.URL_PASSWORD, user + 1);
        return password > user + 1 && t.at(password) == '@'
                ? new Finding(SecretKind.URL_PASSWORD, user + 1, password, false) : null;
    }

    /** Whether {@code \b[a-z][a-z0-9+.-]*} ends at {@code end}. */
    private static boolean schemeEndsAt(ScanText t, int end) {
        int start = t.runStart(CharClass.SCHEME, end);
        for (int k = start; k < end; k++) {
            char c = t.at(k);
            if (c >= 'a' && c <= 'z' && !CharClass.isWord(t.at(k - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The token after {@code Bearer } (any case), 12+ characters; the word itself stays. */
    private static Finding bearer(ScanText t, int i) {
        if (!t.startsWithIgnoreCase("bearer", i)) {
            return null;
        }
        int space = t.runEnd(ScanText.Site.BEARER_SPACE, i + 6);
        if (space == i + 6) {
            return null;
        }
        int e = t.runEnd(ScanText.Site.BEARER_TOKEN, space);
        return e - space >= 12 ? new Finding(SecretKind.BEARER, space, e, false) : null;
    }
}
