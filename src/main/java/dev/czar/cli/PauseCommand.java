package dev.czar.cli;

import dev.czar.command.CommandSpec;
import dev.czar.workers.WorkerCommands;
import dev.czar.workers.WorkerAction;
import dev.czar.workers.Workers;
import picocli.CommandLine.Command;

/** {@code czar pause NAME}: holds a queued workstream, or stops a running worker's whole process group. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause a workstream: a queued one is not started, a running worker's processes are stopped.")
final class PauseCommand extends NamedWorkerCommand {
    @Override
    CommandSpec command() {
        return WorkerCommands.PAUSE;
    }

    @Override
    WorkerAction act(Workers workers, String name, String user) {
        return workers.pause(name, user);
    }
}
