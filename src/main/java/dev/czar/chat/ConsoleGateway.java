package dev.czar.chat;

import dev.czar.store.ConversationStore;
import dev.czar.store.StoredMessage;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code czar chat}: the console as a {@link ChatGateway}. Each line is one message received through the same
 * {@link ChatService} as Slack; {@code /history} and {@code /exit} are the console's own, everything else goes to the
 * bot. What czar sends is printed: a console has one channel and no threads, and cannot take back a printed line,
 * so an update is printed again as the new text.
 */
public final class ConsoleGateway implements ChatGateway {
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
    private final PrintWriter out;
    private final AtomicLong printed = new AtomicLong();

    /** @param out where czar's side of the conversation is printed */
    public ConsoleGateway(ChatService chat, ConversationStore conversations, Function<Answer, String> renderer,
                          Clock clock, String user, PrintWriter out) {
        this.chat = chat;
        this.conversations = conversations;
        this.renderer = renderer;
        this.clock = clock;
        this.user = user;
        this.thread = "session-" + clock.millis();
        this.out = out;
    }

    /** Receives until end of input or {@code /exit}. */
    public void run(LineSource in) throws IOException {
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
                printHistory();
                continue;
            }
            receive(chat, new Message(text, user, "console", thread, clock.instant()));
        }
    }

    @Override
    public void reply(Message question, Answer answer) {
        say(renderer.apply(answer));
    }

    /** Prints the text as czar's; its id is its number in this session. */
    @Override
    public Optional<String> post(String channel, String threadTs, String text) {
        say(text);
        return Optional.of(String.valueOf(printed.incrementAndGet()));
    }

    @Override
    public boolean update(String channel, String messageTs, String text) {
        say(text);
        return true;
    }

    private synchronized void say(String text) {
        out.println(indent("czar › ", text));
        out.println();
        out.flush();
    }

    private void printHistory() {
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
