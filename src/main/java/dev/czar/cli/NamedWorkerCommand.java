package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.command.CommandSpec;
import dev.czar.workers.WorkerAction;
import dev.czar.workers.Workers;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A CLI subcommand acting on one workstream by name ({@code czar kill|pause|resume|merge NAME}): the chat command's
 * role check and audit, then, for a change a supervisor carries out, one supervisor round so it takes effect now
 * when no other czar supervises.
 */
abstract class NamedWorkerCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Parameters(index = "0", paramLabel = "NAME", description = "The workstream.")
    String name;

    /** The chat command whose role and audit this subcommand shares. */
    abstract CommandSpec command();

    /** Does it, as {@code user}. */
    abstract WorkerAction act(Workers workers, String name, String user);

    /** Whether a supervisor carries the change out (a worker to stop or continue), so one round should run now. */
    boolean supervisorActs() {
        return true;
    }

    @Override
    public Integer call() {
        try (CzarApp app = parent.start(global)) {
            String result = LocalCommands.run(app, parent.clock(), command(), name,
                    () -> act(app.workers(), name, CzarCommand.localUser()).line());
            if (supervisorActs()) {
                app.workers().supervisor().tick(); // when no other czar supervises this home, act on the worker now
            }
            spec.commandLine().getOut().println(result);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
