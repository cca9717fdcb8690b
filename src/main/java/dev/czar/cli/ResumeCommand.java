package dev.czar.cli;

import dev.czar.command.CommandSpec;
import dev.czar.workers.WorkerCommands;
import dev.czar.workers.WorkerAction;
import dev.czar.workers.Workers;
import picocli.CommandLine.Command;

/** {@code czar resume NAME}: a paused workstream goes back to where it was; a stopped worker continues. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume a paused workstream: back to the queue, or its stopped worker continues.")
final class ResumeCommand extends NamedWorkerCommand {
    @Override
    CommandSpec command() {
        return WorkerCommands.RESUME;
    }

    @Override
    WorkerAction act(Workers workers, String name, String user) {
        return workers.resume(name, user);
    }
}
