package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.chat.ConsoleGateway;
import dev.czar.store.ConversationStore;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code czar chat}: the bot in the terminal, on embedded defaults. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat with czar in the terminal. /help for what it can do, /history, Ctrl-D to leave.")
final class ChatCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Override
    public Integer call() throws IOException {
        try (CzarApp app = parent.start(global)) {
            if (app.workers().config().enabled()) {
                app.workers().supervisor().start(); // supervises unless another czar process already does
                StopSignals.onStop(app.workers()::close);
            }
            String banner = "czar — supervising " + app.git().root() + " (main: "
                    + app.git().mainBranch().orElse("none") + "). /help for ideas, Ctrl-D to leave.";
            if (System.console() != null) {
                runInTerminal(app, banner);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.println(banner);
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                console(app, out).run(prompt -> {
                    String line = in.readLine();
                    if (line != null) {
                        out.println(prompt + line); // piped input is not echoed by a terminal; keep transcripts readable
                    }
                    return line;
                });
            }
            return 0;
        }
    }

    private ConsoleGateway console(CzarApp app, PrintWriter out) {
        return new ConsoleGateway(app.chat(), new ConversationStore(app.database(), parent.clock()), AnswerText::render,
                parent.clock(), CzarCommand.localUser(), out);
    }

    private void runInTerminal(CzarApp app, String banner) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, app.home().resolve("chat_history"))
                    .build();
            PrintWriter out = terminal.writer();
            out.println(banner);
            console(app, out).run(prompt -> {
                try {
                    return reader.readLine(prompt);
                } catch (EndOfFileException e) {
                    return null;
                } catch (UserInterruptException e) {
                    return "";
                }
            });
        }
    }
}
