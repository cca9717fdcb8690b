package dev.czar.cli;

import dev.czar.command.CommandSpec;
import dev.czar.workers.WorkerCommands;
import dev.czar.workers.WorkerAction;
import dev.czar.workers.Workers;
import picocli.CommandLine.Command;

/** {@code czar kill NAME}: ends a worker and its process group (via the supervisor holding it); keeps the branch. */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Kill a workstream's worker; its branch is kept.")
final class KillCommand extends NamedWorkerCommand {
    @Override
    CommandSpec command() {
        return WorkerCommands.KILL;
    }

    @Override
    WorkerAction act(Workers workers, String name, String user) {
        return workers.kill(name, user);
    }
}
