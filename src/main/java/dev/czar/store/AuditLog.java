package dev.czar.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Append-only record of every command asked for: who, what, when, and how it ended. */
public final class AuditLog {
    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One audited command. */
    public record Entry(long id, Instant at, String user, String channel, String command, String arguments,
                        String outcome, String detail) {
    }

    public long record(String user, String channel, String command, String arguments, String outcome, String detail) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO audit_log (at, user_id, channel, command, arguments, outcome, detail)"
                             + " VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            st.setTimestamp(1, Timestamp.from(clock.instant()));
            st.setString(2, user);
            st.setString(3, channel);
            st.setString(4, command);
            st.setString(5, arguments);
            st.setString(6, outcome);
            st.setString(7, detail);
            st.executeUpdate();
            return ConversationStore.generatedId(st);
        } catch (SQLException e) {
            throw new StoreException("writing the audit log", e);
        }
    }

    /** The latest {@code limit} entries, newest first. */
    public List<Entry> recent(int limit) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT id, at, user_id, channel, command, arguments, outcome, detail FROM audit_log"
                             + " ORDER BY id DESC LIMIT ?")) {
            st.setInt(1, limit);
            List<Entry> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading the audit log", e);
        }
    }
}
