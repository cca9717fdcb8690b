package dev.czar.slack;

import dev.czar.store.Database;
import dev.czar.store.DeliveryLedger;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers every Slack {@code event_id} taken in, in H2, so a redelivered event (Slack retries when it saw no
 * acknowledgement in time) is answered at most once, also across a restart. Slash commands have no id: their signed
 * body and timestamp are recorded instead ({@link #firstSighting}, in the {@link DeliveryLedger} GitHub's webhook
 * deliveries use too), so a replayed one runs once.
 */
final class EventLedger {
    /** SQL state for a unique key violation: the id was already recorded. */
    private static final String DUPLICATE_KEY = "23505";

    private final Database db;
    private final Clock clock;
    /** Requests without an event id, in the ledger GitHub's deliveries use too. */
    private final DeliveryLedger requests;

    EventLedger(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.requests = new DeliveryLedger(db, clock, "slack-request");
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
            return st.executeUpdate() + requests.forgetOlderThan(keep);
        } catch (SQLException e) {
            throw new StoreException("pruning Slack event ids", e);
        }
    }

    /** Records the id and what it asks; {@code true} on its first delivery, {@code false} for every later one. */
    boolean firstDelivery(String eventId, SlackTurn turn) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO slack_events (event_id, received_at, turn_json) VALUES (?, ?, ?)")) {
            st.setString(1, eventId);
            st.setTimestamp(2, Timestamp.from(clock.instant()));
            st.setString(3, StoredTurn.of(turn).json());
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("recording Slack event " + eventId, e);
        }
    }

    /**
     * Records a key with nothing to answer later (a slash command's signed body): {@code true} the first time,
     * {@code false} when it was seen before, so a replayed request is not acted on twice.
     */
    boolean firstSighting(String key) {
        return requests.firstSighting(key);
    }

    /** Marks the event answered: a reply (or an apology) was posted for it. */
    void answered(String eventId) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("UPDATE slack_events SET answered_at = ? WHERE event_id = ?")) {
            st.setTimestamp(1, Timestamp.from(clock.instant()));
            st.setString(2, eventId);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("marking Slack event " + eventId + " answered", e);
        }
    }

    /** Events taken in within {@code window} whose answer never got posted (czar stopped mid-answer), oldest first. */
    Map<String, SlackTurn> unanswered(Duration window) {
        Map<String, SlackTurn> result = new LinkedHashMap<>();
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT event_id, turn_json FROM slack_events WHERE answered_at IS NULL"
                     + " AND turn_json IS NOT NULL AND received_at >= ? ORDER BY received_at")) {
            st.setTimestamp(1, Timestamp.from(clock.instant().minus(window)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), StoredTurn.read(rs.getString(2)).turn());
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading unanswered Slack events", e);
        }
    }
}
