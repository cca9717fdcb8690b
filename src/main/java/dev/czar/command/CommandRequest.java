package dev.czar.command;

import dev.czar.chat.Message;

import java.util.List;

/**
 * A parsed command: the verb, its arguments, the raw argument text (for commands that take free text such as a
 * full task description) and the message it came from.
 */
public record CommandRequest(String verb, List<String> args, String argumentText, Message message) {
    public CommandRequest {
        args = List.copyOf(args);
    }
}
