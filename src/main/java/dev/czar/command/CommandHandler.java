package dev.czar.command;

import dev.czar.chat.EvidenceLog;

/** Executes one command after it was authorized; returns the reply text, citing evidence through the log. */
@FunctionalInterface
public interface CommandHandler {
    CommandResult handle(CommandRequest request, EvidenceLog log);
}
