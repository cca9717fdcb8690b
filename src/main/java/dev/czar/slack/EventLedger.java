package dev.czar.slack;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers every Slack {@code event_id} taken in, in H2, so a redelivered event (Slack retries when it saw no
 * acknowledgement in time) is answered at most once, also across a restart.
 */
final class EventLedger {
    /** SQL state for a unique key violation: the id was already recorded. */
    private static final String DUPLICATE_KEY = "23505";

    private final Database db;
    private final Clock clock;

    EventLedger(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Drops ids older than {@code keep}; Slack gives up redelivering within minutes, so a day is plenty.
     *
     * @return how many were dropped
     */
    int forgetOlderThan(Duration keep) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("DELETE FROM slack_events WHERE received_at < ?")) {
            st.setTimestamp(1, Timestamp.from(clock.instant().minus(keep)));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("pruning Slack event ids", e);
        }
    }

    /** Records the id; {@code true} on its first delivery, {@code false} for every later one. */
    boolean firstDelivery(String eventId) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO slack_events (event_id, received_at) VALUES (?, ?)")) {
            st.setString(1, eventId);
            st.setTimestamp(2, Timestamp.from(clock.instant()));
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("recording Slack event " + eventId, e);
        }
    }
}
