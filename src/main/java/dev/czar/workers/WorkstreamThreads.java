package dev.czar.workers;

import dev.czar.chat.ChatGateway;
import dev.czar.chat.Message;
import dev.czar.chat.ThreadHandoff;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The chat thread of each workstream: its notices are posted there, and while its worker waits for an answer
 * ({@code NEEDS_INPUT}) a message in that thread is the answer, run as {@code reply NAME TEXT} so it is authorized and
 * audited like the command. A message starting with {@code /} stays a command for czar. When several workstreams of
 * one thread wait, the answer must start with the name of the one it is for ({@code fix-login: yes}).
 */
public final class WorkstreamThreads implements ThreadHandoff {
    private final WorkstreamStore store;

    /** The threads of the workstreams {@code workers} keeps. */
    public WorkstreamThreads(Workers workers) {
        this(workers.store());
    }

    WorkstreamThreads(WorkstreamStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> commandFor(Message cleaned) {
        if (cleaned.thread() == null || cleaned.text().startsWith("/")) {
            return Optional.empty();
        }
        List<String> waiting = store.waitingIn(cleaned.channel(), cleaned.thread()).stream().map(Workstream::name).toList();
        String text = cleaned.text();
        if (waiting.size() == 1) {
            return Optional.of("reply " + waiting.get(0) + " " + withoutName(text, waiting.get(0)));
        }
        return waiting.stream().filter(name -> !withoutName(text, name).equals(text)).findFirst()
                .map(name -> "reply " + name + " " + withoutName(text, name));
    }

    /**
     * The supervisor's notices as posts on the chat gateway: a workstream's thread is its channel and thread there.
     * Workstreams without one (launched from the CLI or the console), and notices the chat refused, go to the log.
     * This is the notices target the composition root gives the workers.
     */
    public WorkerNotices notices(ChatGateway chat) {
        return notices(chat, WorkerNotices.toLog());
    }

    /**
     * Notices posted to each workstream's thread. A workstream launched outside a thread (a slash command) gets
     * its first notice as a new message, which becomes its thread: later notices and the operator's answers go
     * there. Workstreams from the CLI, and notices the chat refused, go to {@code fallback}.
     */
    public WorkerNotices notices(ChatGateway chat, WorkerNotices fallback) {
        return (ws, text) -> {
            if (ws.channel() == null || ws.channel().isBlank() || "cli".equals(ws.channel()) || "console".equals(ws.channel())) {
                fallback.tell(ws, text);
                return;
            }
            // the notice's workstream may be a snapshot from before its first notice adopted a thread
            String thread = ws.thread() != null ? ws.thread() : store.find(ws.name()).map(Workstream::thread).orElse(null);
            Optional<String> posted = chat.post(ws.channel(), thread, ws.name() + ": " + text);
            if (posted.isEmpty()) {
                fallback.tell(ws, text);
            } else if (thread == null) {
                store.adoptThread(ws.name(), posted.get());
            }
        };
    }

    /** The answer without a leading "name:" or "name " addressing it; the text itself when it does not start so. */
    private static String withoutName(String text, String name) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith(name + ":") || lower.startsWith(name + ",")) {
            return text.substring(name.length() + 1).strip();
        }
        if (lower.startsWith(name + " ")) {
            return text.substring(name.length()).strip();
        }
        return text;
    }
}
