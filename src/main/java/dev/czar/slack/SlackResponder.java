package dev.czar.slack;

import dev.czar.chat.ChatService;
import dev.czar.chat.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * Answers one {@link SlackTurn} on a worker thread: the same {@link ChatService} as every front door produces the
 * answer and {@link ThreadReplies} posts it in the thread. A destructive command the sender may run is parked by
 * the {@link ConfirmationFlow}, whose buttons are then the answer.
 */
final class SlackResponder {
    private static final Logger LOG = LoggerFactory.getLogger(SlackResponder.class);

    private final ChatService chat;
    private final ThreadReplies replies;
    private final WorkingIndicator working;
    private final ConfirmationFlow confirmations;

    SlackResponder(ChatService chat, ThreadReplies replies, WorkingIndicator working, ConfirmationFlow confirmations) {
        this.chat = chat;
        this.replies = replies;
        this.working = working;
        this.confirmations = confirmations;
    }

    /**
     * Answers the turn. {@code commit} is asked once, just before the reply (or the apology) is posted, or after a
     * confirmation prompt was: {@code false} means another replica took the question over, so nothing is posted.
     */
    void respond(SlackTurn turn, BooleanSupplier commit) {
        try (WorkingIndicator.Handle ignored = working.start(turn.channel(), turn.questionTs())) {
            ConfirmationFlow.Prompt prompt = confirmations.promptIn(turn);
            Answer answer = chat.handle(turn.message(), prompt);
            if (!commit.getAsBoolean()) {
                LOG.info("a question in {} was taken over by another czar replica; this answer is dropped", turn.channel());
            } else if (!prompt.posted()) {
                replies.reply(turn, answer);
            }
        } catch (RuntimeException e) {
            LOG.error("answering a Slack message in {} failed", turn.channel(), e);
            if (commit.getAsBoolean()) {
                replies.say(turn, ThreadReplies.SORRY);
            }
        }
    }
}
