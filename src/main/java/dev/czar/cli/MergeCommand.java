package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.workers.WorkerCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code czar merge NAME}: czar merges a verified workstream's branch into main ({@code workers.unsafe.auto-merge}).
 * Typing the command is the operator's confirmation; Slack asks with buttons instead.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge a verified workstream's branch into main (needs workers.unsafe.auto-merge: true).")
final class MergeCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Parameters(index = "0", paramLabel = "NAME", description = "The workstream whose branch to merge.")
    String name;

    @Override
    public Integer call() {
        try (CzarApp app = parent.start(global)) {
            String result = LocalCommands.run(app, parent.clock(), WorkerCommands.MERGE, name,
                    () -> app.workers().merge(name, CzarCommand.localUser()));
            spec.commandLine().getOut().println(result);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
