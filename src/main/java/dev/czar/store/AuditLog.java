package dev.czar.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only record of every command asked for: who, what, when, and how it ended. Each row carries a hash chained
 * over the previous row ({@link AuditChain}); {@link AuditVerifier} walks the chain. No code updates or deletes rows,
 * and the database refuses it ({@link AppendOnlyTrigger}).
 */
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

    /**
     * Appends one entry, chained to the previous one. Appends are serialized through the locked chain-head row, so
     * two czar processes sharing the database cannot both chain from the same row and fork the log.
     */
    public long record(String user, String channel, String command, String arguments, String outcome, String detail) {
        AuditChain.Fields fields = new AuditChain.Fields(AuditChain.stored(clock.instant()), user, channel, command,
                arguments, outcome, detail);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long id = append(c, fields);
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("writing the audit log", e);
        }
    }

    private static long append(Connection c, AuditChain.Fields row) throws SQLException {
        String previous;
        try (PreparedStatement head = c.prepareStatement("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the audit chain head row is missing");
            }
            previous = rs.getString(1);
        }
        String hash = new AuditChain().hash(previous, row);
        long id;
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO audit_log (at, user_id, channel, command, arguments, outcome, detail, prev_hash, row_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            st.setObject(1, OffsetDateTime.ofInstant(row.at(), ZoneOffset.UTC));
            st.setString(2, row.user());
            st.setString(3, row.channel());
            st.setString(4, row.command());
            st.setString(5, row.arguments());
            st.setString(6, row.outcome());
            st.setString(7, row.detail());
            st.setString(8, previous);
            st.setString(9, hash);
            st.executeUpdate();
            id = ConversationStore.generatedId(st);
        }
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE audit_chain_head SET last_id = ?, last_hash = ?, row_count = row_count + 1 WHERE id = 1")) {
            st.setLong(1, id);
            st.setString(2, hash);
            st.executeUpdate();
        }
        return id;
    }

    /** Walks the whole hash chain ({@link AuditVerifier}). */
    public AuditVerification verify() {
        return new AuditVerifier(db).verify();
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
