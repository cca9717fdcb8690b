package dev.czar.intent;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalises raw chat text into the form the router and answerers read. */
public final class MessageText {
    private static final Pattern SLACK_MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200F\\u2060\\uFEFF\\u00AD]");
    private static final Pattern SPACES = Pattern.compile("(?<=\\S)[\\h\\x0B\\f]+");
    private static final Pattern TRAILING_SPACES = Pattern.compile("[\\h\\x0B\\f]+(?=\\n|$)");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\r\\n?");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    // one polite phrase; stripped repeatedly by stripLeading (a repeated group overflows on long input)
    private static final Pattern POLITENESS = Pattern.compile(
            "^(?:(please|pls|plz|kindly)\\s+|(can|could|would|will) you( please)?\\s+|i want you to\\s+|go ahead and\\s+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_ADDRESS = Pattern.compile("^@?czar\\b[,:]?\\s*", Pattern.CASE_INSENSITIVE);

    private MessageText() {
    }

    /**
     * Removes bot mentions, invisible characters and repeated spaces between words (keeping line breaks and
     * indentation), and folds compatibility forms (full-width letters, ligatures) so that "ｓｔａｔｕｓ" reads as
     * "status". Case is kept.
     */
    public static String clean(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        text = SLACK_MENTION.matcher(text).replaceAll(" ");
        text = INVISIBLE.matcher(text).replaceAll("");
        // line breaks are kept: a task launched from chat must reach its worker with its paragraphs and lists
        text = LINE_BREAKS.matcher(text).replaceAll("\n");
        text = SPACES.matcher(text).replaceAll(" ");
        text = TRAILING_SPACES.matcher(text).replaceAll("");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
        return stripLeading(LEADING_ADDRESS, text).strip();
    }

    /**
     * {@code text} without {@code prefix} at its start, removed as often as it repeats. One match at a time on
     * purpose: a regex repeating a group ({@code (a|b)+}) recurses once per repetition and overflows the stack on a
     * long hostile message ("please please please ..." x 5,000).
     */
    public static String stripLeading(Pattern prefix, String text) {
        Matcher m = prefix.matcher(text);
        int at = 0;
        while (at < text.length()) {
            m.region(at, text.length());
            if (!m.lookingAt() || m.end() == at) {
                break;
            }
            at = m.end();
        }
        return text.substring(at);
    }

    /**
     * {@code text} without the polite phrases it starts with ("please", "could you", "go ahead and" …), so the
     * router and the command parser find the same verb.
     */
    public static String withoutPoliteness(String text) {
        return stripLeading(POLITENESS, text);
    }

    /** Lower-case form for keyword matching. */
    public static String folded(String cleaned) {
        return cleaned.toLowerCase(Locale.ROOT);
    }
}
