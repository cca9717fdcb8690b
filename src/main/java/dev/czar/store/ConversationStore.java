package dev.czar.store;

import dev.czar.chat.Answer;
import dev.czar.chat.Json;
import dev.czar.chat.Message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Who said what, where, and what czar answered. A message is committed the moment it arrives and its answer
 * in a second transaction, so a crash mid-answer leaves the question on record, marked unanswered.
 */
public final class ConversationStore {
    private final Database db;
    private final Clock clock;

    public ConversationStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records an incoming message and returns its id. */
    public long recordReceived(Message message) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            long conversation = conversationId(c, message.channel(), message.thread());
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO messages (conversation_id, user_id, text, received_at) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                st.setLong(1, conversation);
                st.setString(2, message.user());
                st.setString(3, message.text());
                st.setTimestamp(4, Timestamp.from(message.at()));
                st.executeUpdate();
                c.commit();
                return generatedId(st);
            }
        } catch (SQLException e) {
            throw new StoreException("recording a message", e);
        }
    }

    /** Stores the answer to a recorded message, with its intent, evidence, tool calls, tokens and unverified claims. */
    public void recordAnswer(long messageId, Answer answer) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement(
                     "UPDATE messages SET intent = ?, answer = ?, evidence_json = ?, tool_calls_json = ?, llm_calls = ?,"
                             + " answered_at = ?, input_tokens = ?, output_tokens = ?, unverified_json = ? WHERE id = ?")) {
            st.setString(1, answer.intent().name());
            st.setString(2, answer.text());
            st.setString(3, Json.write(answer.evidence()));
            st.setString(4, Json.write(answer.toolCalls()));
            st.setInt(5, answer.llmCalls());
            st.setTimestamp(6, Timestamp.from(clock.instant()));
            st.setLong(7, answer.tokens().input());
            st.setLong(8, answer.tokens().output());
            st.setString(9, Json.write(answer.unverified()));
            st.setLong(10, messageId);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording an answer", e);
        }
    }

    /** The latest {@code limit} messages of a conversation, oldest first. */
    public List<StoredMessage> recent(String channel, String thread, int limit) {
        String sql = "SELECT m.id, m.user_id, m.text, m.intent, m.answer, m.received_at, m.answered_at FROM messages m"
                + " JOIN conversations c ON c.id = m.conversation_id WHERE c.channel = ? AND c.thread = ?"
                + " ORDER BY m.id DESC LIMIT ?";
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, channel);
            st.setString(2, thread == null ? "" : thread);
            st.setInt(3, limit);
            List<StoredMessage> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Timestamp answered = rs.getTimestamp(7);
                    result.add(0, new StoredMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), answered == null ? null : answered.toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading conversation history", e);
        }
    }

    private long conversationId(Connection c, String channel, String thread) throws SQLException {
        String threadKey = thread == null ? "" : thread;
        Long existing = findConversation(c, channel, threadKey);
        if (existing != null) {
            return existing;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO conversations (channel, thread, started_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, channel);
            insert.setString(2, threadKey);
            insert.setTimestamp(3, Timestamp.from(clock.instant()));
            insert.executeUpdate();
            return generatedId(insert);
        } catch (SQLException e) {
            Long raced = findConversation(c, channel, threadKey); // another message opened it concurrently
            if (raced != null) {
                return raced;
            }
            throw e;
        }
    }

    private static Long findConversation(Connection c, String channel, String thread) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("SELECT id FROM conversations WHERE channel = ? AND thread = ?")) {
            find.setString(1, channel);
            find.setString(2, thread);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    static long generatedId(Statement st) throws SQLException {
        try (ResultSet keys = st.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
