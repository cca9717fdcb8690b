package dev.czar.command;

import java.util.Optional;

/**
 * How a front door gets a destructive command confirmed before it runs. Slack parks the request behind
 * Confirm/Cancel buttons; on the command line and the console, typing the command is the confirmation.
 */
@FunctionalInterface
public interface Confirmer {
    /** The user confirmed by typing the command (CLI verbs, {@code czar chat}, {@code czar ask}): it runs at once. */
    Confirmer TYPED = (request, spec) -> Optional.empty();

    /**
     * Empty to run the command now; otherwise the result to answer with instead (the request was parked until its
     * requester decides). Called only for destructive commands the requester may run.
     */
    Optional<CommandResult> confirm(CommandRequest request, CommandSpec spec);
}
