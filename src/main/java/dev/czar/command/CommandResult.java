package dev.czar.command;

/**
 * How a command ended.
 *
 * @param outcome short audit word: {@code ok}, {@code failed}, {@code rejected}…
 * @param text    reply for the user
 */
public record CommandResult(String outcome, String text) {
    public static CommandResult ok(String text) {
        return new CommandResult("ok", text);
    }

    public static CommandResult failed(String text) {
        return new CommandResult("failed", text);
    }
}
