package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What workers saw through {@code fleet_status} (issue 21): the workstreams listed as close to theirs and their own
 * head at that moment, so a duplicate-work alert can say "fix-auth looked at login-rework's task and continued
 * anyway" once the worker committed after looking.
 */
final class FleetViews {
    private final Database db;

    FleetViews(Database db) {
        this.db = db;
    }

    /** {@code workstream}, at {@code head}, was shown {@code close} as close to its own work. */
    void record(String workstream, List<String> close, String head, Instant at) {
        if (close.isEmpty()) {
            return;
        }
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO mcp_fleet_views (workstream, seen, head_sha, seen_at) VALUES (?, ?, ?, ?)")) {
            for (String seen : close) {
                st.setString(1, workstream);
                st.setString(2, seen);
                st.setString(3, head == null ? "" : head);
                st.setTimestamp(4, Timestamp.from(at));
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("recording what " + workstream + " saw of the fleet", e);
        }
    }

    /** The head {@code workstream} was at when it last saw {@code seen} listed as close; empty if it never did. */
    Optional<String> headWhenSeen(String workstream, String seen) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT head_sha FROM mcp_fleet_views WHERE workstream = ? AND seen = ? ORDER BY id DESC LIMIT 1")) {
            st.setString(1, workstream);
            st.setString(2, seen);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading what " + workstream + " saw of the fleet", e);
        }
    }

    /**
     * The clause a duplicate alert between {@code x} and {@code y} gains for each of them that saw the other as close
     * and committed since ({@code heads}: current branch heads by workstream), or "" when neither did.
     */
    String continuedAnyway(String x, String y, java.util.Map<String, String> heads) {
        StringBuilder out = new StringBuilder();
        for (List<String> pair : List.of(List.of(x, y), List.of(y, x))) {
            String looker = pair.get(0);
            String other = pair.get(1);
            Optional<String> then = headWhenSeen(looker, other);
            String now = heads.get(looker);
            if (then.isPresent() && now != null && !now.equals(then.get())) {
                out.append("; ").append(looker).append(" looked at ").append(other)
                        .append("'s task (fleet_status) and continued anyway");
            }
        }
        return out.toString();
    }
}
