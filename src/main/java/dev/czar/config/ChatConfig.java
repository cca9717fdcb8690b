package dev.czar.config;

/**
 * Chat behaviour shared by every front door.
 *
 * @param maxMessageChars longer messages are cut to this many characters before they are handled (and the
 *                        answer says so); protects prompts and the store from pasted logs
 * @param timeZone zone used to read "today" or "yesterday" in questions; {@code system} uses the machine's
 */
public record ChatConfig(Integer maxMessageChars, String timeZone) {
    public ChatConfig {
        maxMessageChars = maxMessageChars != null ? maxMessageChars : 8000;
        timeZone = timeZone != null && !timeZone.isBlank() ? timeZone.strip() : "system";
    }
}
