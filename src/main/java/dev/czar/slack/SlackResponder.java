package dev.czar.slack;

import dev.czar.chat.ChatService;
import dev.czar.chat.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's receiving step: answers one {@link SlackTurn} on a worker thread. The same {@link ChatService} as every
 * front door produces the answer and the {@link SlackGateway} replies with it in the thread. A destructive command
 * the sender may run is parked by the {@link ConfirmationFlow}, whose buttons are then the answer.
 */
final class SlackResponder {
    private static final Logger LOG = LoggerFactory.getLogger(SlackResponder.class);

    private final ChatService chat;
    private final SlackGateway gateway;
    private final WorkingIndicator working;
    private final ConfirmationFlow confirmations;

    SlackResponder(ChatService chat, SlackGateway gateway, WorkingIndicator working, ConfirmationFlow confirmations) {
        this.chat = chat;
        this.gateway = gateway;
        this.working = working;
        this.confirmations = confirmations;
    }

    void respond(SlackTurn turn) {
        try (WorkingIndicator.Handle ignored = working.start(turn.channel(), turn.questionTs())) {
            ConfirmationFlow.Prompt prompt = confirmations.promptIn(turn);
            Answer answer = chat.handle(turn.message(), prompt);
            if (!prompt.posted()) {
                gateway.reply(turn.message(), answer);
            }
        } catch (RuntimeException e) {
            LOG.error("answering a Slack message in {} failed", turn.channel(), e);
            gateway.say(turn.message(), SlackGateway.SORRY);
        }
    }
}
