package dev.czar.slack;

import dev.czar.chat.ChatService;
import dev.czar.chat.Message;
import dev.czar.command.AccessPolicy;
import dev.czar.command.Role;
import dev.czar.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Destructive commands on Slack run only after a Confirm press: the {@link SlackGateway} parks the request with
 * Confirm/Cancel buttons as it receives it (from the command pipeline's confirmation filter, after its one parse and
 * access check); this flow takes the press. Only the requester or an admin may decide, a decision is taken once, and
 * an old prompt expires. The confirmed command then runs through {@link ChatService#handle} as the requester, as a
 * new request that is authorized and audited again. Every step is in the audit log.
 */
final class ConfirmationFlow {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationFlow.class);

    private final ChatService chat;
    private final SlackGateway gateway;
    private final PendingConfirmations pending;
    private final BlockKitRenderer renderer;
    private final AuditLog audit;
    private final AccessPolicy access;
    private final Clock clock;

    ConfirmationFlow(ChatService chat, SlackGateway gateway, PendingConfirmations pending, BlockKitRenderer renderer,
                     AuditLog audit, AccessPolicy access, Clock clock) {
        this.chat = chat;
        this.gateway = gateway;
        this.pending = pending;
        this.renderer = renderer;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Handles a button press.
     *
     * @param confirm   Confirm ({@code true}) or Cancel
     * @param id        the pending request, from the button value
     * @param decider   who pressed
     * @param messageTs the prompt message, updated so its buttons go away
     */
    void decide(boolean confirm, String id, String decider, String channel, String messageTs) {
        var found = pending.find(id);
        if (found.isEmpty()) {
            LOG.info("button for confirmation {} pressed after it was decided", id);
            return;
        }
        PendingConfirmations.Pending request = found.get();
        if (!decider.equals(request.user()) && access.roleOrViewer(decider) != Role.ADMIN) {
            audit.record(decider, channel, "confirm", request.text(), "refused", "only the requester or an admin may decide");
            gateway.say(new Message("", decider, channel, request.threadTs(), clock.instant()), SlackText.user(decider)
                    + " only " + SlackText.user(request.user()) + " or an admin can confirm or cancel this.");
            return;
        }
        if (pending.isExpired(request)) {
            decideAs(request, "expired", decider, channel, messageTs, "expired before it was confirmed; ask again if still needed.");
            return;
        }
        if (!confirm) {
            decideAs(request, "cancelled", decider, channel, messageTs, "cancelled by " + SlackText.user(decider) + ".");
            return;
        }
        if (decideAs(request, "confirmed", decider, channel, messageTs, "confirmed by " + SlackText.user(decider) + "; running it.")) {
            Message command = new Message(request.text(), request.user(), request.channel(), request.threadTs(), clock.instant());
            gateway.reply(command, chat.handle(command));
        }
    }

    private boolean decideAs(PendingConfirmations.Pending request, String state, String decider, String channel,
                             String messageTs, String outcome) {
        if (!pending.decide(request.id(), state, decider)) {
            return false;
        }
        audit.record(decider, channel, "confirm", request.text(), state, "confirmation " + request.id());
        BlockKitRenderer.Rendered done = renderer.decided(request, outcome);
        if (messageTs != null) {
            gateway.replace(channel, messageTs, done);
        }
        return true;
    }
}
