package dev.czar.command;

/**
 * How a command ended, for the front door to render.
 *
 * @param outcome  short audit word: {@code ok}, {@code failed}, {@code refused}, {@code rejected}…
 * @param text     reply for the user
 * @param heldRole for a refusal, the role the requester holds ({@code null}: refused in doubt, or not a refusal)
 * @param error    an unexpected error the handler threw, kept so a front door can report it its own way
 * @param note     what the audit row records instead of the text ({@code null}: the text)
 */
public record CommandResult(String outcome, String text, Role heldRole, RuntimeException error, String note) {
    public CommandResult(String outcome, String text) {
        this(outcome, text, null, null, null);
    }

    public static CommandResult ok(String text) {
        return new CommandResult("ok", text);
    }

    public static CommandResult failed(String text) {
        return new CommandResult("failed", text);
    }

    /** The requester may not run the command; {@code held} is their role, {@code null} when the check broke. */
    public static CommandResult refused(String text, Role held) {
        return new CommandResult("refused", text, held, null, null);
    }

    /** The handler threw something it did not expect. */
    public static CommandResult error(String text, RuntimeException error) {
        return new CommandResult("failed", text, null, error, null);
    }

    /** Parked until its requester confirms; {@code note} names the parked request for the audit log. */
    public static CommandResult awaitingConfirmation(String text, String note) {
        return new CommandResult("awaiting-confirmation", text, null, null, note);
    }

    /** What the audit log records for a result that is not ok. */
    String detail() {
        return note != null ? note : text;
    }
}
