package dev.czar.slack;

import dev.czar.agent.Redactor;

import java.util.regex.Pattern;

/**
 * The one way text becomes Slack mrkdwn. Text from outside czar (answers quoting commit subjects and branch names,
 * worker output, digests, commands people typed) goes through {@link #plain}: ANSI escapes and control characters
 * removed, secrets masked, and Slack's control characters {@code &}, {@code <}, {@code >} escaped as its formatting
 * reference asks, so {@code <!channel>}, {@code <@U…>} or {@code <https://evil|Click>} in that text show as typed
 * and never ping or link. The only mentions and links in a message are the ones czar builds from structured data
 * with {@link #user} and {@link #link}.
 */
final class SlackText {
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern SAFE_URL = Pattern.compile("https?://[^\\s<>|\"'`]+");
    /** {@code @channel} typed as plain words: Slack may still notify for it outside {@code <!…>} (legacy parsing). */
    private static final Pattern BARE_BROADCAST = Pattern.compile(
            "(?<![\\w.+-])@(channel|here|everyone)(?![\\w-]|\\.\\w)", Pattern.CASE_INSENSITIVE);
    private static final String WORD_JOINER = "\u2060";

    private SlackText() {
    }

    /** Outside text as inert mrkdwn: cleaned, masked, escaped, broadcasts defused; null as empty. */
    static String plain(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String shown = Redactor.INSTANCE.displayable(text);
        StringBuilder out = new StringBuilder(shown.length() + 16);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return BARE_BROADCAST.matcher(out).replaceAll("@" + WORD_JOINER + "$1");
    }

    /** Outside text for inside {@code `code`}: as {@link #plain}, with backticks that would end the span replaced. */
    static String code(String text) {
        return plain(text).replace('`', '\'');
    }

    /** A mention of a Slack user czar knows by id; anything that is not a user id is shown as plain text. */
    static String user(String userId) {
        return userId != null && USER_ID.matcher(userId).matches() ? "<@" + userId + ">" : plain(userId);
    }

    /** A link czar built itself (evidence): an http(s) URL with a plain label; any other URL leaves the label alone. */
    static String link(String url, String label) {
        if (url == null || !SAFE_URL.matcher(url).matches()) {
            return plain(label);
        }
        return "<" + url.replace("&", "&amp;") + "|" + plain(label) + ">";
    }
}
