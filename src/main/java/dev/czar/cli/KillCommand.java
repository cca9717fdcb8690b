package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.workers.WorkerCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code czar kill NAME}: ends a worker and its process group (via the supervisor holding it); keeps the branch. */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Kill a workstream's worker; its branch is kept.")
final class KillCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Parameters(index = "0", paramLabel = "NAME", description = "The workstream to kill.")
    String name;

    @Override
    public Integer call() {
        try (CzarApp app = parent.start(global)) {
            String result = LocalCommands.run(app, parent.clock(), WorkerCommands.KILL, name,
                    () -> app.workers().kill(name, CzarCommand.localUser()));
            app.workers().supervisor().tick(); // when no other czar supervises this home, end the process now
            spec.commandLine().getOut().println(result);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
