package dev.czar.slack;

import dev.czar.chat.ChatService;
import dev.czar.command.CommandSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Answers one {@link SlackTurn} on a worker thread: the same {@link ChatService} as every front door produces the
 * answer and {@link ThreadReplies} posts it in the thread. Destructive commands the sender may run are not
 * executed here but handed to the {@link ConfirmationFlow}.
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

    void respond(SlackTurn turn) {
        try (WorkingIndicator.Handle ignored = working.start(turn.channel(), turn.questionTs())) {
            Optional<CommandSpec> destructive = chat.destructiveCommand(turn.message());
            if (destructive.isPresent()) {
                confirmations.ask(turn, destructive.get());
            } else {
                replies.reply(turn, chat.handle(turn.message()));
            }
        } catch (RuntimeException e) {
            LOG.error("answering a Slack message in {} failed", turn.channel(), e);
            replies.say(turn, ThreadReplies.SORRY);
        }
    }
}
