package dev.czar.slack;

import dev.czar.chat.Answer;
import dev.czar.chat.ChatGateway;
import dev.czar.chat.ChatService;
import dev.czar.chat.Message;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Confirmer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * czar's Slack as a {@link ChatGateway}, over Socket Mode or HTTP alike. It receives each {@link SlackTurn} the
 * listeners queue, and everything czar sends to Slack is rendered here and goes out through the one retrying
 * {@link SlackPoster} (and its outbox): answers where the question was asked, czar's own lines, the Confirm/Cancel
 * prompt and its update, digests, alerts and worker notices, chart uploads.
 */
public final class SlackGateway implements ChatGateway {
    private static final Logger LOG = LoggerFactory.getLogger(SlackGateway.class);
    static final String SORRY = "Sorry, something went wrong while answering that. The details are in czar's log.";
    static final String BUSY = "I'm answering a lot of questions right now; please ask again in a minute.";

    private final SlackPoster poster;
    private final ThreadMemory threads;
    private final WorkingIndicator working;
    private final PendingConfirmations pending;
    private final BlockKitRenderer renderer = new BlockKitRenderer();

    SlackGateway(SlackPoster poster, ThreadMemory threads, WorkingIndicator working, PendingConfirmations pending) {
        this.poster = poster;
        this.threads = threads;
        this.working = working;
        this.pending = pending;
    }

    @Override
    public Answer receive(ChatService chat, Message message) {
        return receive(chat, new SlackTurn(message, message.channel(), message.thread(), null), () -> true);
    }

    /**
     * Receives one turn on an answer worker: the same {@link ChatService} as every front door produces the answer,
     * which is replied in the thread. A destructive command the sender may run is parked behind Confirm/Cancel
     * buttons, which are then the answer ({@link ConfirmationFlow} takes the press). A slow answer shows the
     * "working on it" reaction meanwhile. A failure is logged and the asker told so. {@code commit} is asked once,
     * just before the reply (or the apology) is posted, or after a confirmation prompt was: {@code false} means
     * another replica took the question over (issue 23), so nothing is posted.
     */
    Answer receive(ChatService chat, SlackTurn turn, BooleanSupplier commit) {
        try (WorkingIndicator.Handle ignored = working.start(turn.channel(), turn.questionTs())) {
            ConfirmationPrompt prompt = new ConfirmationPrompt(turn);
            Answer answer = chat.handle(turn.message(), prompt);
            if (!commit.getAsBoolean()) {
                LOG.info("a question in {} was taken over by another czar replica; this answer is dropped", turn.channel());
            } else if (!prompt.posted()) {
                reply(turn.message(), answer);
            }
            return answer;
        } catch (RuntimeException e) {
            LOG.error("answering a Slack message in {} failed", turn.channel(), e);
            if (commit.getAsBoolean()) {
                say(turn.message(), SORRY);
            }
            return Answer.conversation(SORRY);
        }
    }

    /**
     * Answers in the question's thread and remembers the thread, so follow-ups there need no mention. The answer to a
     * slash command is headed by who ran what.
     */
    @Override
    public void reply(Message question, Answer answer) {
        String text = question.text();
        BlockKitRenderer.Rendered rendered = text.startsWith(SlackListeners.COMMAND)
                ? renderer.commandAnswer(question.user(), text, answer) : renderer.answer(answer);
        if (question.thread() != null) {
            // joined before posting: a follow-up sent the instant the answer shows must already find the thread
            threads.join(question.channel(), question.thread());
        }
        send(question.channel(), question.thread(), rendered);
    }

    /** Posts a line czar wrote itself where {@code question} was asked (it may hold mentions, so it is not escaped). */
    void say(Message question, String mrkdwn) {
        send(question.channel(), question.thread(), renderer.notice(mrkdwn));
    }

    /**
     * The text is taken as plain (it quotes worker output, branch names, commit subjects): rendered inert, with
     * control characters removed and secrets masked, in the blocks and in the notification text alike. Empty if parked.
     */
    @Override
    public Optional<String> post(String channel, String threadTs, String text) {
        return send(channel, threadTs, renderer.plain(text));
    }

    @Override
    public boolean update(String channel, String messageTs, String text) {
        return replace(channel, messageTs, renderer.plain(text));
    }

    /** Uploads a file (e.g. a PNG chart) into a thread; whether Slack took it. */
    @Override
    public boolean upload(String channel, String threadTs, String filename, byte[] data, String title) {
        return poster.upload(channel, threadTs, filename, data, title);
    }

    /** Posts a message already in Block Kit (the Confirm/Cancel prompt). */
    Optional<String> send(String channel, String threadTs, BlockKitRenderer.Rendered message) {
        return poster.post(channel, threadTs, message.text(), message.blocks());
    }

    /** Replaces a message with one already in Block Kit (a decided prompt, its buttons gone). */
    boolean replace(String channel, String messageTs, BlockKitRenderer.Rendered message) {
        return poster.update(channel, messageTs, message.text(), message.blocks());
    }

    /**
     * Slack's confirmer for one turn: a destructive command in it is parked behind Confirm/Cancel buttons posted in
     * the turn's thread. Remembers that it posted, so no answer is posted too.
     */
    private final class ConfirmationPrompt implements Confirmer {
        private final SlackTurn turn;
        private boolean posted;

        private ConfirmationPrompt(SlackTurn turn) {
            this.turn = turn;
        }

        @Override
        public Optional<CommandResult> confirm(CommandRequest command, CommandSpec spec) {
            Message m = turn.message();
            PendingConfirmations.Pending request = pending.open(m.user(), turn.channel(), turn.replyTs(), m.text());
            BlockKitRenderer.Rendered prompt = renderer.confirmationPrompt(request, pending.ttl().toSeconds());
            send(turn.channel(), turn.replyTs(), prompt);
            posted = true;
            return Optional.of(CommandResult.awaitingConfirmation(prompt.text(), "confirmation " + request.id()));
        }

        boolean posted() {
            return posted;
        }
    }
}
