package dev.czar.agent;

import java.util.List;

/**
 * Masks credentials in text before it leaves czar: everything sent to a language model, every log line, every
 * Slack message, {@code ask --json}, {@code czar workers} and the dashboard. The {@link SecretScanner} finds them in
 * one pass with bounded work per character (hostile text cannot make this slow); the masked form keeps the kind of
 * secret, {@code [REDACTED:github-token]}, so that an answer can still say "a GitHub token was committed" without
 * repeating it.
 */
public final class Redactor {
    /** The one instance: it holds no state. */
    public static final Redactor INSTANCE = new Redactor();

    private Redactor() {
    }

    /** The text with every recognised secret replaced by {@code [REDACTED:<kind>]}; {@code null} stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<SecretScanner.Finding> found = SecretScanner.scan(text).findings();
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (int k = 0; k < found.size(); k++) {
            SecretScanner.Finding f = found.get(k);
            int end = f.end();
            // overlapping findings (a token inside an assigned value) are masked once, under the first one's kind
            while (k + 1 < found.size() && found.get(k + 1).start() < end) {
                end = Math.max(end, found.get(++k).end());
            }
            out.append(text, last, f.start()).append("[REDACTED:").append(f.kind().id()).append(']');
            last = end;
        }
        return out.append(text, last, text.length()).toString();
    }

    /**
     * Text for people to read outside czar (a terminal, a page, a chat): ANSI escapes and control characters
     * removed ({@link ControlChars#strip}), then masked. Stripping first, so an escape inside a token cannot hide it.
     */
    public String displayable(String text) {
        return text == null ? null : redact(ControlChars.strip(text));
    }
}
