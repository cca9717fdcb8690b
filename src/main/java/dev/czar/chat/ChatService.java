package dev.czar.chat;

import dev.czar.agent.Answerer;
import dev.czar.command.CommandPath;
import dev.czar.intent.Intent;
import dev.czar.intent.IntentRouter;
import dev.czar.intent.MessageText;
import dev.czar.store.ConversationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one code path every front door uses: record the message, classify it, hand it to the answerer or the
 * command path, record the answer. Front doors only translate between their transport and {@link Message}.
 */
public final class ChatService {
    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);

    private final IntentRouter router;
    private final Answerer answerer;
    private final CommandPath commands;
    private final ConversationStore conversations;
    private final int maxMessageChars;

    public ChatService(IntentRouter router, Answerer answerer, CommandPath commands,
                       ConversationStore conversations, int maxMessageChars) {
        this.router = router;
        this.answerer = answerer;
        this.commands = commands;
        this.conversations = conversations;
        this.maxMessageChars = maxMessageChars;
    }

    /** Answers one message. Never throws for anything the user wrote. */
    public Answer handle(Message incoming) {
        boolean truncated = incoming.text().length() > maxMessageChars;
        Message message = truncated ? incoming.withText(cutAt(incoming.text(), maxMessageChars)) : incoming;
        long id = conversations.recordReceived(message);
        Message cleaned = message.withText(MessageText.clean(message.text()));
        Intent intent = router.route(cleaned.text());
        LOG.info("message {} from {} in {} routed to {}", id, message.user(), message.channel(), intent);
        Answer answer = switch (intent) {
            case CONVERSATION -> router.isHelp(cleaned.text()) ? withCommandList(answerer.converse(cleaned), cleaned)
                    : answerer.converse(cleaned);
            case STATUS -> answerer.status(cleaned);
            case COMMAND -> commands.execute(cleaned);
        };
        if (truncated) {
            answer = answer.withText(answer.text() + "\n(Your message was longer than " + maxMessageChars
                    + " characters; I read only the first " + maxMessageChars + ".)");
        }
        conversations.recordAnswer(id, answer);
        return answer;
    }

    /**
     * The destructive command this message asks for when its sender may run it, so a front door with buttons can
     * ask for a confirmation first and call {@link #handle} only after it. Records nothing.
     */
    public java.util.Optional<dev.czar.command.CommandSpec> destructiveCommand(Message incoming) {
        Message cleaned = incoming.withText(MessageText.clean(incoming.text()));
        return router.isInstruction(cleaned.text()) ? commands.destructiveAllowed(cleaned) : java.util.Optional.empty();
    }

    private Answer withCommandList(Answer help, Message message) {
        return help.withText(help.text() + "\n" + commands.available(message.user()));
    }

    /** Cuts without splitting a surrogate pair, so emoji at the boundary stay valid text. */
    private static String cutAt(String text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
