package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The fleet's current alerts ({@code worker_alerts}): the result of the latest fleet check, replaced as a whole. */
final class StoredAlerts {
    private final Database db;

    StoredAlerts(Database db) {
        this.db = db;
    }

    /** Replaces the current alerts with the result of the latest check. */
    void replace(List<WorkerAlert> alerts) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (var del = c.createStatement(); PreparedStatement st = c.prepareStatement(
                    "INSERT INTO worker_alerts (kind, a, b, detail, at) VALUES (?, ?, ?, ?, ?)")) {
                del.executeUpdate("DELETE FROM worker_alerts");
                for (WorkerAlert a : alerts) {
                    st.setString(1, a.kind());
                    st.setString(2, a.a());
                    st.setString(3, a.b());
                    st.setString(4, a.detail());
                    st.setTimestamp(5, Timestamp.from(a.at()));
                    st.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback(); // the old alerts stay: re-enabling auto-commit below would commit the DELETE alone
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("storing worker alerts", e);
        }
    }

    List<WorkerAlert> current() {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT kind, a, b, detail, at FROM worker_alerts ORDER BY id")) {
            List<WorkerAlert> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new WorkerAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading worker alerts", e);
        }
    }
}
