package dev.czar.chat;

import java.util.Optional;

/**
 * Threads in which someone other than czar waits for the next message, e.g. a worker that asked a question: a
 * message there is not chat but a command for that waiter. The command still runs through the command path, so it
 * is authorized and audited like the same command typed out.
 */
@FunctionalInterface
public interface ThreadHandoff {
    ThreadHandoff NONE = message -> Optional.empty();

    /**
     * The command text a thread message stands for (e.g. {@code reply fix-login yes}), or empty when it is chat.
     *
     * @param cleaned a message in a thread, its text already passed through {@code MessageText.clean}
     */
    Optional<String> commandFor(Message cleaned);
}
