package dev.czar.agent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in text before it leaves czar: everything sent to a language model and every log line.
 * Patterns follow the published formats of each issuer; the masked form keeps the kind of secret so that an
 * answer can still say "a GitHub token was committed" without repeating it.
 */
public final class Redactor {
    /** The one instance: patterns are immutable and thread-safe. */
    public static final Redactor INSTANCE = new Redactor();

    private record Rule(String kind, Pattern pattern, int secretGroup) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("private-key", Pattern.compile(
                    "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", Pattern.DOTALL), 0),
            new Rule("slack-token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0),
            new Rule("slack-token", Pattern.compile("\\bxapp-\\d-[A-Za-z0-9-]{10,}"), 0),
            new Rule("slack-webhook", Pattern.compile("https://hooks\\.slack\\.com/services/[A-Za-z0-9/]+"), 0),
            new Rule("github-token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})"), 0),
            new Rule("anthropic-key", Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{20,}"), 0),
            new Rule("openai-key", Pattern.compile("\\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"), 0),
            new Rule("aws-access-key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), 0),
            new Rule("google-api-key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"), 0),
            new Rule("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"), 0),
            new Rule("url-password", Pattern.compile("\\b([a-z][a-z0-9+.-]*://[^\\s:/@\"'\\\\]+:)([^\\s@/\"'\\\\]+)(@)"), 2),
            new Rule("bearer", Pattern.compile("(?i)\\b(bearer\\s+)([A-Za-z0-9._~+/=-]{12,})"), 2),
            // .env / config style: NAME_WITH_SECRET_WORD = value (quoted or not), also JSON "password": "value"
            new Rule("secret", Pattern.compile(
                    "(?i)([\\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)"
                            + "[\\w.-]*\\\\?[\"']?\\s*[:=]\\s*\\\\?[\"']?)"
                            // numbers, booleans and nested JSON are settings, not secrets ("max_tokens": 1024)
                            + "(?!\\d+\\b|true\\b|false\\b|null\\b|\\[REDACTED)([^\\s\"'\\\\,;}{\\[\\]]{4,})"), 2));

    private Redactor() {
    }

    /** The text with every recognised secret replaced by {@code [REDACTED:<kind>]}; {@code null} stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            out = apply(rule, out);
        }
        return out;
    }

    private static String apply(Rule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int last = 0;
        do {
            String secret = m.group(rule.secretGroup());
            if (secret.startsWith("[REDACTED")) {
                continue;
            }
            int start = m.start(rule.secretGroup());
            out.append(text, last, start).append("[REDACTED:").append(rule.kind()).append(']');
            last = m.end(rule.secretGroup());
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }
}
