package dev.czar.chat;

import java.util.Optional;

/**
 * One chat czar talks in, receiving and sending, as Errbot's {@code Backend}: the console ({@link ConsoleGateway}),
 * Slack ({@code slack.SlackGateway}, Socket Mode and HTTP alike) and the tests' in-memory gateway. Each chat's
 * listener hands what arrives to {@link #receive}; replies, digests, charts, alerts and worker notices go out through
 * the sending half. Plain text in, no chat-service types out, so the features that post need not know which chat it is.
 */
public interface ChatGateway {
    /**
     * Receives one message that arrived on this chat: it goes through {@code chat} (the one command path of every
     * front door) and the answer is replied where it was asked.
     */
    default Answer receive(ChatService chat, Message message) {
        Answer answer = chat.handle(message);
        reply(message, answer);
        return answer;
    }

    /** Sends {@code answer} where {@code question} was asked: its channel, in its thread when it has one. */
    void reply(Message question, Answer answer);

    /**
     * Posts text to a channel, in {@code threadTs}'s thread when given ({@code null}: a new message, which may start a
     * thread). The text is plain: the gateway renders it inert. Returns the new message's id (Slack's ts), or empty
     * when the chat did not take it now.
     */
    Optional<String> post(String channel, String threadTs, String text);

    /** Replaces the text of a message posted earlier ({@code messageTs} as {@link #post} returned it); whether done. */
    boolean update(String channel, String messageTs, String text);

    /** Uploads a file (e.g. a PNG chart) into a thread; whether it was shared. A chat without files shares nothing. */
    default boolean upload(String channel, String threadTs, String filename, byte[] data, String title) {
        return false;
    }
}
