package dev.czar.command;

/**
 * One step of the command pipeline, in the style of Errbot's command filters and Bolt's middleware: it answers the
 * call itself (a refusal, a confirmation prompt) or passes it on. The steps are composed once, in {@link CommandPath}.
 */
public interface CommandFilter {
    CommandResult apply(CommandCall call, Chain next);

    /**
     * Dry run: whether this filter would let {@code user} run {@code spec}, without running or recording anything.
     * Help lists only the commands every filter allows.
     */
    default boolean allows(String user, CommandSpec spec) {
        return true;
    }

    /** The rest of the pipeline after a filter. */
    @FunctionalInterface
    interface Chain {
        CommandResult proceed(CommandCall call);
    }
}
