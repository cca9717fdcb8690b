package dev.czar.intent;

/**
 * The central contract: every incoming message is exactly one of these.
 * <ul>
 *   <li>{@link #CONVERSATION}: greetings, thanks, small talk, help. Never runs a tool.</li>
 *   <li>{@link #STATUS}: a question about work. Answered only from evidence tools, read-only.</li>
 *   <li>{@link #COMMAND}: an explicit instruction to change something. Parsed, authorized, audited.</li>
 * </ul>
 */
public enum Intent {
    CONVERSATION,
    STATUS,
    COMMAND
}
