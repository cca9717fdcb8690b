package dev.czar.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import dev.czar.chat.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Bolt listeners: translate Slack payloads into {@link SlackTurn}s, drop redeliveries, queue the work and
 * acknowledge at once. Nothing here waits for an answer, so every ack is well inside Slack's 3 seconds.
 */
final class SlackListeners {
    private static final Logger LOG = LoggerFactory.getLogger(SlackListeners.class);
    static final String COMMAND = "/czar";

    private final BiConsumer<SlackTurn, BooleanSupplier> answerer;
    private final ConfirmationFlow confirmations;
    private final SlackGateway gateway;
    private final AnswerWorkers workers;
    private final EventLedger ledger;
    private final ThreadMemory threads;
    private final List<String> channels;
    private final Predicate<Message> awaitedInThread;
    private final Clock clock;
    private final DeliveryTally tally;

    SlackListeners(BiConsumer<SlackTurn, BooleanSupplier> answerer, ConfirmationFlow confirmations, SlackGateway gateway, AnswerWorkers workers,
                   EventLedger ledger, ThreadMemory threads, Predicate<Message> awaitedInThread, List<String> channels,
                   Clock clock, DeliveryTally tally) {
        this.answerer = answerer;
        this.confirmations = confirmations;
        this.gateway = gateway;
        this.workers = workers;
        this.ledger = ledger;
        this.threads = threads;
        this.awaitedInThread = awaitedInThread;
        this.channels = channels;
        this.clock = clock;
        this.tally = tally;
    }

    void register(App app) {
        app.event(AppMentionEvent.class, this::onMention);
        app.event(MessageEvent.class, this::onMessage);
        app.command(COMMAND, this::onCommand);
        app.blockAction(BlockKitRenderer.CONFIRM_ACTION, (req, ctx) -> onButton(true, req, ctx));
        app.blockAction(BlockKitRenderer.CANCEL_ACTION, (req, ctx) -> onButton(false, req, ctx));
    }

    private Response onMention(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
        AppMentionEvent event = payload.getEvent();
        if (event.getUser() == null || event.getBotId() != null || !answersIn(event.getChannel())) {
            return ignored(ctx);
        }
        String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
        return take(payload.getEventId(), ctx, turn(event.getText(), event.getUser(), event.getChannel(), thread, event.getTs()));
    }

    /**
     * Direct messages, and messages without a mention in a thread czar already answered in or in which a worker
     * waits for an answer. A message with a mention arrives again as {@code app_mention} and is taken there.
     */
    private Response onMessage(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent event = payload.getEvent();
        if (event.getUser() == null || event.getBotId() != null || event.getText() == null) {
            return ignored(ctx);
        }
        boolean direct = "im".equals(event.getChannelType());
        SlackTurn turn = turn(event.getText(), event.getUser(), event.getChannel(), event.getThreadTs(), event.getTs());
        boolean followUp = !direct && event.getThreadTs() != null && answersIn(event.getChannel())
                && !mentions(event.getText(), ctx.getBotUserId())
                && (threads.isIn(event.getChannel(), event.getThreadTs()) || awaitedInThread.test(turn.message()));
        if (!direct && !followUp) {
            return ignored(ctx);
        }
        return take(payload.getEventId(), ctx, turn);
    }

    private Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
        var p = req.getPayload();
        if (!answersIn(p.getChannelId())) {
            tally.record(DeliveryTally.Ending.IGNORED);
            return ctx.ack("czar does not answer in this channel (slack.channels in config/czar.yaml).");
        }
        if (replayed(req)) {
            LOG.info("slash command replayed (same signed body and timestamp); not run again");
            tally.record(DeliveryTally.Ending.REPEATED);
            return ctx.ack();
        }
        String text = p.getText() == null ? "" : p.getText().strip();
        SlackTurn turn = turn((COMMAND + " " + text).strip(), p.getUserId(), p.getChannelId(), null, null);
        if (!workers.submit(() -> answer(null, turn))) {
            tally.record(DeliveryTally.Ending.BUSY);
            return ctx.ack(SlackGateway.BUSY);
        }
        return ctx.ack();
    }

    /**
     * A signed slash command seen before: the same body and timestamp (a signature covers both) cannot come from a
     * second use of {@code /czar}, whose body differs by its {@code trigger_id}. Socket Mode has no signature to key on
     * and no way to replay a request, so only HTTP requests are checked.
     */
    private boolean replayed(SlashCommandRequest req) {
        String timestamp = req.getHeaders() == null ? null : req.getHeaders().getFirstValue(SlackRequestGate.TIMESTAMP);
        if (timestamp == null) {
            return false;
        }
        byte[] signed = (timestamp + ":" + req.getRequestBodyAsString()).getBytes(StandardCharsets.UTF_8);
        return !ledger.firstSighting("slash:" + SlackHttpEndpoint.sha256(signed));
    }

    private Response onButton(boolean confirm, BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null
                || (p.getChannel() == null && p.getContainer() == null)) {
            LOG.warn("button press without action, user or channel ignored");
            return ctx.ack();
        }
        String id = p.getActions().get(0).getValue();
        String channel = p.getChannel() != null ? p.getChannel().getId() : p.getContainer().getChannelId();
        String messageTs = p.getContainer() != null ? p.getContainer().getMessageTs() : null;
        String user = p.getUser().getId();
        if (!workers.submit(() -> decide(confirm, id, user, channel, messageTs))) {
            LOG.warn("queue full; button press on confirmation {} dropped", id);
        }
        return ctx.ack();
    }

    private void decide(boolean confirm, String id, String user, String channel, String messageTs) {
        try {
            confirmations.decide(confirm, id, user, channel, messageTs);
        } catch (RuntimeException e) {
            LOG.error("deciding confirmation {} failed", id, e);
        } finally {
            tally.record(DeliveryTally.Ending.DECIDED);
        }
    }

    /** Queues a turn once per event id; a redelivery is acknowledged and dropped. */
    private Response take(String eventId, EventContext ctx, SlackTurn turn) {
        if (eventId != null && !ledger.firstDelivery(eventId, turn)) {
            LOG.info("event {} redelivered (retry {}, {}); already taken, not answering again", eventId,
                    ctx.getRetryNum(), ctx.getRetryReason());
            tally.record(DeliveryTally.Ending.REPEATED);
            return ctx.ack();
        }
        if (!workers.submit(() -> answer(eventId, turn))) {
            LOG.warn("answer queue full; telling {} to ask again", turn.message().user());
            workers.timers().execute(() -> {
                try {
                    if (commit(eventId)) {
                        gateway.say(turn.message(), SlackGateway.BUSY);
                    }
                } finally {
                    tally.record(DeliveryTally.Ending.BUSY);
                }
            });
        }
        return ctx.ack();
    }

    /**
     * Answers events another replica (or this process before a restart) acknowledged but never answered because it
     * stopped mid-answer: Slack does not redeliver an acknowledged event, so without this the question would be lost.
     * Each is claimed by compare-and-set first, so of several replicas running this at once exactly one answers it.
     *
     * @return how many were claimed and queued
     */
    int reclaimOrphans(Duration window, Duration staleAfter) {
        int queued = 0;
        for (EventLedger.Orphan orphan : ledger.orphaned(window, staleAfter)) {
            if (!ledger.claim(orphan)) {
                continue; // another replica was first, or the answer came in meanwhile
            }
            if (workers.submit(() -> answer(orphan.eventId(), orphan.turn()))) {
                queued++;
                LOG.info("answering Slack event {} acknowledged by {}, which stopped before answering it", orphan.eventId(),
                        orphan.claimedBy() == null ? "an earlier czar" : "replica " + orphan.claimedBy());
            } else {
                ledger.release(orphan.eventId());
            }
        }
        return queued;
    }

    private void answer(String eventId, SlackTurn turn) {
        try {
            answerer.accept(turn, () -> commit(eventId));
        } finally {
            tally.record(DeliveryTally.Ending.ANSWERED);
        }
    }

    private Response ignored(EventContext ctx) {
        tally.record(DeliveryTally.Ending.IGNORED);
        return ctx.ack();
    }

    /** Whether this replica may post the answer now (slash commands have no event id and are always answered). */
    private boolean commit(String eventId) {
        return eventId == null || ledger.commitAnswer(eventId);
    }

    private SlackTurn turn(String text, String user, String channel, String replyTs, String questionTs) {
        return new SlackTurn(new Message(text, user, channel, replyTs, clock.instant()), channel, replyTs, questionTs);
    }

    private boolean answersIn(String channel) {
        // DM channel ids start with D; they are always answered
        return channels.isEmpty() || channels.contains(channel) || (channel != null && channel.startsWith("D"));
    }

    private static boolean mentions(String text, String botUserId) {
        return botUserId != null && text.contains("<@" + botUserId);
    }
}
