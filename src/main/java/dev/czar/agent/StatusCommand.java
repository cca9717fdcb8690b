package dev.czar.agent;

import dev.czar.chat.Answer;
import dev.czar.chat.EvidenceLog;
import dev.czar.command.CommandHandler;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Role;

import java.util.List;

/** {@code /czar status [branch]}: the STATUS answer, reached through the command path. Read-only. */
public final class StatusCommand implements CommandHandler {
    public static final CommandSpec SPEC = new CommandSpec("status", List.of(), "status [branch]",
            "where a branch (or every branch) stands against main", Role.VIEWER, false);

    private final Answerer answerer;

    public StatusCommand(Answerer answerer) {
        this.answerer = answerer;
    }

    @Override
    public CommandResult handle(CommandRequest request, EvidenceLog log) {
        String question = request.argumentText().isEmpty() ? "which branches are there" : "status of " + request.argumentText();
        Answer answer = answerer.status(request.message().withText(question));
        log.absorb(answer);
        return CommandResult.ok(answer.text());
    }
}
