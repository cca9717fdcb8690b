package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** The JDBC plumbing the worker stores share: binding czar's values and one-statement updates. */
final class SqlRows {
    private SqlRows() {
    }

    /** Runs one INSERT, UPDATE or DELETE. */
    static void update(Database db, String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            bindAll(st, args);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("updating workstream data", e);
        }
    }

    static void bindAll(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            bind(st, i + 1, args[i]);
        }
    }

    /** Binds null (or {@link WorkstreamStore#NULL}), instants, states and plain values. */
    static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        if (value == null || value == WorkstreamStore.NULL) {
            st.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            st.setTimestamp(index, Timestamp.from(instant));
        } else if (value instanceof WorkstreamState state) {
            st.setString(index, state.name());
        } else {
            st.setObject(index, value);
        }
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    static WorkstreamState state(String s) {
        return s == null ? null : WorkstreamState.valueOf(s);
    }
}
