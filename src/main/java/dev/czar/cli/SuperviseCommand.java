package dev.czar.cli;

import dev.czar.CzarApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code czar supervise}: run only the worker supervisor, printing every workstream event, until Ctrl-C. */
@Command(name = "supervise", mixinStandardHelpOptions = true,
        description = "Supervise workers in the foreground and print what happens; Ctrl-C ends every worker.")
final class SuperviseCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Override
    public Integer call() {
        try (CzarApp app = parent.start(global)) {
            PrintWriter out = spec.commandLine().getOut();
            var config = app.workers().config();
            out.println("czar supervising " + app.git().root() + " from " + app.home() + ": max-parallel "
                    + config.maxParallel() + ", command " + (config.enabled() ? String.join(" ", config.command())
                    : "(none: set workers.command; queued work will not start)") + ". Ctrl-C to stop.");
            out.flush();
            StopSignals.onStop(app.workers()::close);
            new FleetFollower(app.workers(), out).followForever();
            return 0;
        }
    }
}
