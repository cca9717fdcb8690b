package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Operators' answers waiting for a worker ({@code worker_inputs}): queued from any czar process, delivered by the
 * supervisor running the worker (to its stdin, or as the next turn of its agent session).
 */
final class WorkerInputs {
    private final Database db;
    private final Clock clock;

    WorkerInputs(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A reply waiting for delivery to a worker. */
    record PendingInput(long id, String text, String fromUser) {
    }

    void add(String name, String text, String fromUser) {
        SqlRows.update(db, "INSERT INTO worker_inputs (workstream, text, from_user, at)"
                + " VALUES (?, ?, ?, ?)", name, text, fromUser, clock.instant());
    }

    /** The undelivered replies for a workstream, oldest first. */
    List<PendingInput> pending(String name) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, text, from_user FROM worker_inputs WHERE workstream = ? AND delivered_at IS NULL ORDER BY id")) {
            st.setString(1, name);
            List<PendingInput> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new PendingInput(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading replies for " + name, e);
        }
    }

    void markDelivered(long inputId) {
        SqlRows.update(db, "UPDATE worker_inputs SET delivered_at = ? WHERE id = ?",
                clock.instant(), inputId);
    }
}
