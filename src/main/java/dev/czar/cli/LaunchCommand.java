package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.workers.WorkerCommands;
import dev.czar.workers.Workers;
import dev.czar.workers.Workstream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code czar launch NAME (--task TEXT | --task-file FILE) [--depends-on NAME] [--priority N] [--wait]}. */
@Command(name = "launch", mixinStandardHelpOptions = true,
        description = "Record a workstream; a worker starts on branch czar/NAME when a slot is free.")
final class LaunchCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Parameters(index = "0", paramLabel = "NAME", description = "Workstream name (lower-case, digits, . _ -).")
    String name;

    @ArgGroup(multiplicity = "1")
    Task task;

    static final class Task {
        @Option(names = "--task", paramLabel = "TEXT", description = "The full task text.")
        String text;

        @Option(names = "--task-file", paramLabel = "FILE", description = "A file holding the full task text.")
        Path file;
    }

    @Option(names = "--depends-on", paramLabel = "NAME", description = "Start only after this workstream is DONE.")
    String dependsOn;

    @Option(names = "--priority", paramLabel = "N", description = "Higher starts first (default 0).")
    int priority;

    @Option(names = "--agent", paramLabel = "A", description = "The agent preset to run (default: workers.agent):"
            + " command, claude-code, ...")
    String agent;

    @Option(names = "--wait", description = "Supervise in the foreground until this workstream ends; exit 0 if DONE.")
    boolean await;

    @Override
    public Integer call() {
        String text = taskText();
        try (CzarApp app = parent.start(global)) {
            PrintWriter out = spec.commandLine().getOut();
            Workers workers = app.workers();
            String message = LocalCommands.run(app, parent.clock(), WorkerCommands.LAUNCH, name,
                    () -> workers.launch(name, text, priority, dependsOn, CzarCommand.localUser(), "cli", null, agent).message());
            out.println(message);
            out.flush();
            if (!await) {
                return 0;
            }
            if (!workers.config().enabled() && agent == null) {
                throw new UserError("--wait needs a worker command: set workers.command in the config file");
            }
            StopSignals.onStop(workers::close);
            Workstream end = new FleetFollower(workers, out).followUntilFinished(name);
            return end.state() == dev.czar.workers.WorkstreamState.DONE ? 0 : 1;
        }
    }

    private String taskText() {
        if (task.file == null) {
            return task.text;
        }
        try {
            return Files.readString(task.file);
        } catch (IOException e) {
            throw new UserError("cannot read the task file " + task.file + ": " + e.getMessage());
        }
    }
}
