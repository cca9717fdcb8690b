package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Definition of Done's runs ({@code gate_items}): each run's items and the branch head it checked. */
final class GateRecords {
    private final Database db;
    private final Clock clock;

    GateRecords(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores one gate run. */
    void save(String name, String headSha, List<GateItem> items) {
        Instant now = clock.instant();
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO gate_items (workstream, run_at, head_sha, item, status, evidence) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (GateItem item : items) {
                st.setString(1, name);
                st.setTimestamp(2, Timestamp.from(now));
                st.setString(3, headSha);
                st.setString(4, item.item());
                st.setString(5, item.status().name());
                st.setString(6, item.evidence());
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("storing the gate report of " + name, e);
        }
    }

    /** The items of the latest gate run, in check order; empty before the first run. */
    List<GateItem> latest(String name) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT item, status, evidence FROM gate_items WHERE workstream = ? AND run_at ="
                        + " (SELECT MAX(run_at) FROM gate_items WHERE workstream = ?) ORDER BY id")) {
            st.setString(1, name);
            st.setString(2, name);
            List<GateItem> items = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(new GateItem(rs.getString(1), GateItem.Status.valueOf(rs.getString(2)), rs.getString(3)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new StoreException("reading the gate report of " + name, e);
        }
    }

    /** The branch head the latest gate run checked; empty before the first run. */
    Optional<String> latestHead(String name) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT head_sha FROM gate_items WHERE workstream = ? ORDER BY id DESC LIMIT 1")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the gate head of " + name, e);
        }
    }
}
