package dev.czar.cli;

import dev.czar.command.CommandSpec;
import dev.czar.workers.WorkerCommands;
import dev.czar.workers.WorkerAction;
import dev.czar.workers.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code czar reply NAME TEXT}: answers a waiting worker. A plain program gets it on stdin; an agent's session is
 * resumed with it (a supervisor round runs now, so the resumed turn starts when no other czar supervises).
 */
@Command(name = "reply", mixinStandardHelpOptions = true, description = "Answer a worker waiting for input.")
final class ReplyCommand extends NamedWorkerCommand {
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The answer.")
    java.util.List<String> text;

    @Override
    CommandSpec command() {
        return WorkerCommands.REPLY;
    }

    @Override
    WorkerAction act(Workers workers, String name, String user) {
        return workers.reply(name, String.join(" ", text), user);
    }
}
