package dev.czar.workers;

import dev.czar.chat.Message;
import dev.czar.chat.ThreadHandoff;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
    /** Posts a line into a chat thread ({@code threadTs} null: a new message); the new message's ts, or empty. */
    @FunctionalInterface
    public interface Poster {
        Optional<String> post(String channel, String threadTs, String text);
    }

    private final Database db;

    public WorkstreamThreads(Database db) {
        this.db = db;
    }

    @Override
    public Optional<String> commandFor(Message cleaned) {
        if (cleaned.thread() == null || cleaned.text().startsWith("/")) {
            return Optional.empty();
        }
        List<String> waiting = waitingIn(cleaned.channel(), cleaned.thread());
        String text = cleaned.text();
        if (waiting.size() == 1) {
            return Optional.of("reply " + waiting.get(0) + " " + withoutName(text, waiting.get(0)));
        }
        return waiting.stream().filter(name -> !withoutName(text, name).equals(text)).findFirst()
                .map(name -> "reply " + name + " " + withoutName(text, name));
    }

    /**
     * Notices posted to each workstream's thread. A workstream launched outside a thread (a slash command) gets
     * its first notice as a new message, which becomes its thread: later notices and the operator's answers go
     * there. Workstreams from the CLI, and notices Slack refused, go to {@code fallback}.
     */
    public WorkerNotices notices(Poster poster, WorkerNotices fallback) {
        return (ws, text) -> {
            if (ws.channel() == null || ws.channel().isBlank() || "cli".equals(ws.channel()) || "console".equals(ws.channel())) {
                fallback.tell(ws, text);
                return;
            }
            String thread = ws.thread() != null ? ws.thread() : threadOf(ws.name());
            Optional<String> posted = poster.post(ws.channel(), thread, ws.name() + ": " + text);
            if (posted.isEmpty()) {
                fallback.tell(ws, text);
            } else if (thread == null) {
                adopt(ws.name(), posted.get());
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

    private List<String> waitingIn(String channel, String thread) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT name FROM workstreams WHERE channel = ? AND thread = ? AND state = ? ORDER BY name")) {
            st.setString(1, channel);
            st.setString(2, thread);
            st.setString(3, WorkstreamState.NEEDS_INPUT.name());
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new StoreException("looking up workstreams waiting in thread " + channel + "/" + thread, e);
        }
    }

    private String threadOf(String name) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT thread FROM workstreams WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("reading the thread of workstream " + name, e);
        }
    }

    /** Only a workstream without a thread adopts one, so a concurrent notice cannot move it. */
    private void adopt(String name, String threadTs) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "UPDATE workstreams SET thread = ? WHERE name = ? AND thread IS NULL")) {
            st.setString(1, threadTs);
            st.setString(2, name);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording the thread of workstream " + name, e);
        }
    }
}
