package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code czar ask [--json] MESSAGE}: one message, one answer, exit. */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer one message, then exit.")
final class AskCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--json", description = "Print the answer as one JSON object (intent, answer, evidence, tool_calls, llm_calls).")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "MESSAGE", description = "What to ask or tell czar; quote it or not.")
    List<String> words;

    @Override
    public Integer call() {
        String text = String.join(" ", words).strip();
        if (text.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "MESSAGE is empty: ask something, e.g. czar ask \"status of main\"");
        }
        try (CzarApp app = parent.start(global)) {
            Message message = new Message(text, CzarCommand.localUser(), "cli", null, parent.clock().instant());
            Answer answer = app.chat().handle(message);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? AnswerJson.write(answer) : dev.czar.agent.Redactor.INSTANCE.displayable(AnswerText.render(answer)));
            out.flush();
            return 0;
        }
    }
}
