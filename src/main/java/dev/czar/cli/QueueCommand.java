package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.chat.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code czar queue}: waiting workstreams in the order they will start (the {@code /czar queue} command). */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Show waiting workstreams in start order.")
final class QueueCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Override
    public Integer call() {
        try (CzarApp app = parent.start(global)) {
            var answer = app.chat().handle(new Message("/czar queue", CzarCommand.localUser(), "cli", null, parent.clock().instant()));
            spec.commandLine().getOut().println(answer.text());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
