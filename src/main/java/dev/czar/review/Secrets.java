package dev.czar.review;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises credentials by their published formats: the security rules report them, and {@link #redact} masks
 * them in everything a review sends or shows. (The agent has its own redactor; the two are to become one.)
 */
public final class Secrets {
    /** A credential format; with {@code keepsLabel}, group 1 is the label ({@code password=}) kept in front of the mask. */
    record Kind(String name, Pattern pattern, boolean keepsLabel) {
        Kind(String name, Pattern pattern) {
            this(name, pattern, false);
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("private key", Pattern.compile(
                    "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", Pattern.DOTALL)),
            new Kind("AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new Kind("AWS secret access key", Pattern.compile(
                    "(?i)((?:aws_)?secret_access_key[\"']?\\s*[:=]\\s*[\"']?|aws_secret_key[\"']?\\s*[:=]\\s*[\"']?|secretaccesskey[\"']?\\s*[:=]\\s*[\"']?)"
                            + "[A-Za-z0-9/+=]{40}\\b"), true),
            new Kind("GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})")),
            new Kind("Slack token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
            new Kind("API key", Pattern.compile("\\bsk-(ant-|proj-)?[A-Za-z0-9_-]{20,}")),
            new Kind("Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
            // a quoted literal after a secret-sounding name; code such as password = request.get("pw") is not a secret
            new Kind("password", Pattern.compile(
                    "(?i)((?:password|passwd|secret|api_?key|token)\\w*[\"']?\\s*[:=]\\s*[\"'])"
                            // a value with letters and digits: prose such as 'review.token-budget' is not a password
                            + "(?!\\$\\{|\\[REDACTED|changeme|example|<)(?=[^\"'\\s]*\\d)(?=[^\"'\\s]*[A-Za-z])[^\"'\\s]{8,}(?=[\"'])"), true),
            // env and properties files: UPPER_CASE_SECRET=value
            new Kind("password", Pattern.compile(
                    "(?m)(^[+\\- ]?\\s*(?:export\\s+)?[A-Z0-9_.]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY)[A-Z0-9_.]*\\s*=\\s*)"
                            + "(?!\\$\\{|\\$\\(|\\[REDACTED)[^\\s\"'$]{8,}"), true));

    private Secrets() {
    }

    /** The kind of the first credential in {@code line}, if any. */
    static Optional<String> kindIn(String line) {
        for (Kind kind : KINDS) {
            if (kind.pattern().matcher(line).find()) {
                return Optional.of(kind.name());
            }
        }
        return Optional.empty();
    }

    /** {@code text} with every recognised credential replaced by {@code [REDACTED:<kind>]}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Kind kind : KINDS) {
            Matcher m = kind.pattern().matcher(out);
            String mask = Matcher.quoteReplacement("[REDACTED:" + kind.name() + "]");
            out = m.replaceAll(kind.keepsLabel() ? "$1" + mask : mask);
        }
        return out;
    }
}
