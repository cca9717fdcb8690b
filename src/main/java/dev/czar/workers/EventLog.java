package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.czar.workers.SqlRows.state;

/**
 * The history of every workstream ({@code workstream_events}): rows are written by {@link WorkstreamStore} in the
 * transaction of the change they record, and read here, per workstream or as one fleet-wide stream.
 */
final class EventLog {
    /** Events of the fleet one {@link #after} call returns at most. */
    static final int PAGE = 500;
    private static final String COLUMNS = "id, workstream, at, from_state, to_state, actor, reason";

    private final Database db;

    EventLog(Database db) {
        this.db = db;
    }

    /** Appends one event on {@code c}, inside the caller's transaction when it has one. */
    static void insert(Connection c, String name, Instant at, WorkstreamState from, WorkstreamState to, String actor,
                       String reason) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO workstream_events"
                + " (workstream, at, from_state, to_state, actor, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, name);
            st.setTimestamp(2, Timestamp.from(at));
            st.setString(3, from == null ? null : from.name());
            st.setString(4, to == null ? null : to.name());
            st.setString(5, actor);
            st.setString(6, reason == null ? "" : reason);
            st.executeUpdate();
        }
    }

    /** The latest {@code limit} events of a workstream, oldest first. */
    List<WorkstreamEvent> of(String name, int limit) {
        List<WorkstreamEvent> newestFirst = query("reading events of " + name,
                "SELECT " + COLUMNS + " FROM workstream_events WHERE workstream = ? ORDER BY id DESC LIMIT ?", name, limit);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The id of the newest event of any workstream, 0 before the first: where a follower starts reading. */
    long lastId() {
        try (Connection c = db.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM workstream_events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("reading the newest workstream event", e);
        }
    }

    /** Events of every workstream with an id above {@code afterId}, oldest first, at most {@link #PAGE}. */
    List<WorkstreamEvent> after(long afterId) {
        return query("reading workstream events",
                "SELECT " + COLUMNS + " FROM workstream_events WHERE id > ? ORDER BY id LIMIT " + PAGE, afterId);
    }

    private List<WorkstreamEvent> query(String what, String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            SqlRows.bindAll(st, args);
            List<WorkstreamEvent> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new WorkstreamEvent(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            state(rs.getString(4)), state(rs.getString(5)), rs.getString(6), rs.getString(7)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }
}
