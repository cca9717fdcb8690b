package dev.czar.slack;

import dev.czar.chat.Message;

/**
 * One thing to answer on Slack: the message as every front door sees it, and where the reply goes.
 *
 * @param message    the message for {@code ChatService}; its thread is the reply thread
 * @param channel    Slack channel id to reply in
 * @param replyTs    thread ts the reply goes under, or {@code null} for a top-level reply (DMs, slash commands)
 * @param questionTs ts of the user's own message, which gets the "working on it" reaction; {@code null} if none
 */
record SlackTurn(Message message, String channel, String replyTs, String questionTs) {
}
