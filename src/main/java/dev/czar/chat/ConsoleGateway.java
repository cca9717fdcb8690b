package dev.czar.chat;

import dev.czar.store.ConversationStore;
import dev.czar.store.StoredMessage;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;

/**
 * {@code czar chat}: a console conversation. Each line is one message through the same {@link ChatService}
 * as Slack; {@code /history} and {@code /exit} are the console's own, everything else goes to the bot.
 */
public final class ConsoleGateway {
    /** Reads one line with the given prompt; {@code null} at end of input (Ctrl-D). */
    @FunctionalInterface
    public interface LineSource {
        String readLine(String prompt) throws IOException;
    }

    private final ChatService chat;
    private final ConversationStore conversations;
    private final Function<Answer, String> renderer;
    private final Clock clock;
    private final String user;
    private final String thread;

    public ConsoleGateway(ChatService chat, ConversationStore conversations, Function<Answer, String> renderer,
                          Clock clock, String user) {
        this.chat = chat;
        this.conversations = conversations;
        this.renderer = renderer;
        this.clock = clock;
        this.user = user;
        this.thread = "session-" + clock.millis();
    }

    /** Runs until end of input or {@code /exit}. */
    public void run(LineSource in, PrintWriter out) throws IOException {
        while (true) {
            String line = in.readLine("you › ");
            if (line == null) {
                out.println();
                out.println("bye.");
                out.flush();
                return;
            }
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.equals("/exit") || text.equals("/quit")) {
                out.println("bye.");
                out.flush();
                return;
            }
            if (text.equals("/history")) {
                printHistory(out);
                continue;
            }
            Answer answer = chat.handle(new Message(text, user, "console", thread, clock.instant()));
            out.println(indent("czar › ", renderer.apply(answer)));
            out.println();
            out.flush();
        }
    }

    private void printHistory(PrintWriter out) {
        var history = conversations.recent("console", thread, 20);
        if (history.isEmpty()) {
            out.println("(nothing said yet in this session)");
        }
        for (StoredMessage m : history) {
            out.println("you  › " + m.text());
            out.println(indent("czar › ", m.answer() == null ? "(no answer recorded)" : m.answer()));
        }
        out.flush();
    }

    private static String indent(String prefix, String text) {
        return prefix + text.replace("\n", "\n" + " ".repeat(prefix.length()));
    }
}
