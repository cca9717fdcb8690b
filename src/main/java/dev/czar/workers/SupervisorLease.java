package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;
import dev.czar.store.Upsert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one supervisor lease of a home ({@code supervisor_lease}): whichever czar process holds it supervises the
 * fleet; the others only change rows and answer questions.
 */
final class SupervisorLease {
    private final Database db;
    private final Clock clock;

    SupervisorLease(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Takes or renews the lease for {@code holder}. A lease whose heartbeat is older than {@code staleAfter}
     * belonged to a supervisor that died and may be taken over.
     */
    boolean acquire(String holder, Duration staleAfter) {
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            try (PreparedStatement st = c.prepareStatement("UPDATE supervisor_lease SET holder = ?, heartbeat_at = ?"
                    + " WHERE id = 1 AND (holder = ? OR heartbeat_at < ?)")) {
                st.setString(1, holder);
                st.setTimestamp(2, Timestamp.from(now));
                st.setString(3, holder);
                st.setTimestamp(4, Timestamp.from(now.minus(staleAfter)));
                if (st.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO supervisor_lease (id, holder, heartbeat_at) VALUES (1, ?, ?)")) {
                st.setString(1, holder);
                st.setTimestamp(2, Timestamp.from(now));
                return st.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Upsert.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("taking the supervisor lease", e);
        }
    }

    /** The current holder, if any supervisor ever ran here. */
    Optional<String> holder() {
        try (Connection c = db.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT holder FROM supervisor_lease WHERE id = 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("reading the supervisor lease", e);
        }
    }

    void release(String holder) {
        SqlRows.update(db, "DELETE FROM supervisor_lease WHERE id = 1 AND holder = ?", holder);
    }
}
