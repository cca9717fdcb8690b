package dev.czar.chat;

import java.util.Optional;

/**
 * The one way czar sends to a chat on its own, outside a reply: scheduled digests and their charts, alerts and
 * worker notices. Slack implements it ({@code SlackOutbound}); tests use an in-memory gateway. Plain text in, no
 * chat-service types out, so the features that post need not know which chat it is.
 */
@FunctionalInterface
public interface ChatGateway {
    /**
     * Posts text to a channel, in {@code threadTs}'s thread when given ({@code null}: a new message, which may start a
     * thread). The text is plain: the gateway renders it inert. Returns the new message's id (Slack's ts), or empty
     * when the chat did not take it now.
     */
    Optional<String> post(String channel, String threadTs, String text);

    /** Uploads a file (e.g. a PNG chart) into a thread; whether it was shared. A chat without files shares nothing. */
    default boolean upload(String channel, String threadTs, String filename, byte[] data, String title) {
        return false;
    }
}
