package dev.czar.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * One incoming chat message, whatever the front door.
 *
 * @param text    what the user wrote, as received
 * @param user    who wrote it: a Slack user id, or {@code local:<name>} at the console
 * @param channel where: a Slack channel id, or {@code console} / {@code cli}
 * @param thread  the thread it belongs to; {@code null} outside threads
 * @param at      when it was received
 */
public record Message(String text, String user, String channel, String thread, Instant at) {
    public Message {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
    }

    public Message withText(String newText) {
        return new Message(newText, user, channel, thread, at);
    }
}
