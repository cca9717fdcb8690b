package dev.czar.chat;

import dev.czar.agent.Answerer;
import dev.czar.command.CommandHandler;
import dev.czar.command.CommandPath;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Confirmer;
import dev.czar.intent.Intent;
import dev.czar.intent.IntentRouter;
import dev.czar.intent.MessageText;
import dev.czar.store.ConversationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

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
    private final ThreadHandoff handoff;

    public ChatService(IntentRouter router, Answerer answerer, CommandPath commands,
                       ConversationStore conversations, int maxMessageChars) {
        this(router, answerer, commands, conversations, maxMessageChars, ThreadHandoff.NONE);
    }

    /** @param handoff threads whose messages are commands for someone waiting there (a worker's question) */
    public ChatService(IntentRouter router, Answerer answerer, CommandPath commands,
                       ConversationStore conversations, int maxMessageChars, ThreadHandoff handoff) {
        this.router = router;
        this.answerer = answerer;
        this.commands = commands;
        this.conversations = conversations;
        this.maxMessageChars = maxMessageChars;
        this.handoff = handoff;
    }

    /** Answers one message; a destructive command in it runs at once (typing it was the confirmation). */
    public Answer handle(Message incoming) {
        return handle(incoming, Confirmer.TYPED);
    }

    /**
     * Answers one message. Never throws for anything the user wrote. A command in it is parsed and authorized once, in
     * the command path; {@code confirmer} is how this front door gets a destructive command confirmed first.
     */
    public Answer handle(Message incoming, Confirmer confirmer) {
        boolean truncated = incoming.text().length() > maxMessageChars;
        Message message = truncated ? incoming.withText(cutAt(incoming.text(), maxMessageChars)) : incoming;
        long id = conversations.recordReceived(message);
        Message cleaned = message.withText(MessageText.clean(message.text()));
        Optional<String> handedOff = handedOff(cleaned);
        Intent intent = handedOff.isPresent() ? Intent.COMMAND : router.route(cleaned.text());
        LOG.info("message {} from {} in {} routed to {}{}", id, message.user(), message.channel(), intent,
                handedOff.isPresent() ? " (an answer in a waiting thread)" : "");
        Answer answer = switch (intent) {
            case CONVERSATION -> router.isHelp(cleaned.text()) ? withCommandList(answerer.converse(cleaned), cleaned)
                    : answerer.converse(cleaned);
            case STATUS -> answerer.status(cleaned);
            case COMMAND -> commands.execute(handedOff.map(cleaned::withText).orElse(cleaned), confirmer);
        };
        if (truncated) {
            answer = answer.withText(answer.text() + "\n(Your message was longer than " + maxMessageChars
                    + " characters; I read only the first " + maxMessageChars + ".)");
        }
        conversations.recordAnswer(id, answer);
        return answer;
    }

    /**
     * Runs a command a front door parsed itself (a CLI verb with its typed options) through the same filters as a
     * chat command: access, confirmation (typing it confirmed it), audit of every outcome.
     */
    public CommandResult run(CommandRequest request, CommandSpec spec, CommandHandler handler) {
        return commands.run(request, spec, handler, Confirmer.TYPED);
    }

    /**
     * Whether this message in a thread is an answer someone waits for there (a worker's question), so a front door
     * should hand it in even though it would not otherwise take a message from that thread. Records nothing.
     */
    public boolean awaitedInThread(Message incoming) {
        return handedOff(incoming.withText(MessageText.clean(incoming.text()))).isPresent();
    }

    private Optional<String> handedOff(Message cleaned) {
        return cleaned.thread() == null || cleaned.text().isEmpty() ? Optional.empty() : handoff.commandFor(cleaned);
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
