package dev.czar.slack;

import dev.czar.chat.Message;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Confirmer;

import java.util.Optional;

/**
 * Slack's confirmer for one turn: a destructive command in it is parked behind Confirm/Cancel buttons posted in the
 * turn's thread, which are then the answer; the {@link ConfirmationFlow} takes the press. Remembers that it posted,
 * so no answer is posted too.
 */
final class ConfirmationPrompt implements Confirmer {
    private final PendingConfirmations pending;
    private final BlockKitRenderer renderer;
    private final SlackGateway gateway;
    private final SlackTurn turn;
    private boolean posted;

    ConfirmationPrompt(PendingConfirmations pending, BlockKitRenderer renderer, SlackGateway gateway, SlackTurn turn) {
        this.pending = pending;
        this.renderer = renderer;
        this.gateway = gateway;
        this.turn = turn;
    }

    @Override
    public Optional<CommandResult> confirm(CommandRequest command, CommandSpec spec) {
        Message m = turn.message();
        PendingConfirmations.Pending request = pending.open(m.user(), turn.channel(), turn.replyTs(), m.text());
        BlockKitRenderer.Rendered prompt = renderer.confirmationPrompt(request, pending.ttl().toSeconds());
        gateway.send(turn.channel(), turn.replyTs(), prompt);
        posted = true;
        return Optional.of(CommandResult.awaitingConfirmation(prompt.text(), "confirmation " + request.id()));
    }

    /** Whether the buttons went out, so the turn's answer is already in the thread. */
    boolean posted() {
        return posted;
    }
}
