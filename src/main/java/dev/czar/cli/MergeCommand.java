package dev.czar.cli;

import dev.czar.command.CommandSpec;
import dev.czar.workers.WorkerCommands;
import dev.czar.workers.WorkerAction;
import dev.czar.workers.Workers;
import picocli.CommandLine.Command;

/**
 * {@code czar merge NAME}: czar merges a verified workstream's branch into main ({@code workers.unsafe.auto-merge}).
 * Typing the command is the operator's confirmation; Slack asks with buttons instead.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge a verified workstream's branch into main (needs workers.unsafe.auto-merge: true).")
final class MergeCommand extends NamedWorkerCommand {
    @Override
    CommandSpec command() {
        return WorkerCommands.MERGE;
    }

    @Override
    WorkerAction act(Workers workers, String name, String user) {
        return workers.merge(name, user);
    }

    @Override
    boolean supervisorActs() {
        return false; // the merge is done by the time it returns
    }
}
