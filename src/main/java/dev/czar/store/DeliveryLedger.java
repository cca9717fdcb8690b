package dev.czar.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Deliveries already taken in from senders that retry (GitHub webhooks by {@code X-GitHub-Delivery}, Slack's slash
 * commands by their signed body): the first sighting of an id is recorded in H2, so a redelivery is recognised and
 * changes nothing, also across a restart and across czar processes sharing the home.
 */
public final class DeliveryLedger {
    /** SQL state for a unique key violation: the id was already recorded. */
    private static final String DUPLICATE_KEY = "23505";

    private final Database db;
    private final Clock clock;
    private final String source;

    /** @param source names the sender ({@code github}, {@code slack-request}); ids of different senders never clash */
    public DeliveryLedger(Database db, Clock clock, String source) {
        this.db = db;
        this.clock = clock;
        this.source = source;
    }

    /** Records {@code id}; {@code true} the first time, {@code false} for every later delivery of it. */
    public boolean firstSighting(String id) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO delivery_ledger (source, delivery_id, received_at) VALUES (?, ?, ?)")) {
            st.setString(1, source);
            st.setString(2, id);
            st.setTimestamp(3, Timestamp.from(clock.instant()));
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("recording " + source + " delivery " + id, e);
        }
    }

    /** Forgets {@code id}, so its next delivery counts as the first (it could not be applied). */
    public void forget(String id) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM delivery_ledger WHERE source = ? AND delivery_id = ?")) {
            st.setString(1, source);
            st.setString(2, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("forgetting " + source + " delivery " + id, e);
        }
    }

    /**
     * Drops ids older than {@code keep}: senders stop redelivering long before (Slack within minutes; a GitHub
     * redelivery is asked for by hand, within days).
     *
     * @return how many were dropped
     */
    public int forgetOlderThan(Duration keep) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM delivery_ledger WHERE source = ? AND received_at < ?")) {
            st.setString(1, source);
            st.setTimestamp(2, Timestamp.from(clock.instant().minus(keep)));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("pruning " + source + " delivery ids", e);
        }
    }
}
