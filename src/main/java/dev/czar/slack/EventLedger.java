package dev.czar.slack;

import dev.czar.store.Database;
import dev.czar.store.DeliveryLedger;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers every Slack {@code event_id} taken in, in the store, so a redelivered event (Slack retries when it saw no
 * acknowledgement in time) is answered at most once, also across a restart and across replicas sharing the store.
 * Slash commands have no id: their signed body and timestamp are recorded instead ({@link #firstSighting}, in the
 * {@link DeliveryLedger} GitHub's webhook deliveries use too), so a replayed one runs once.
 *
 * <p>Issue 23: each event names the replica answering it ({@code claimed_by}). A replica heartbeats; the events of one
 * that stopped ({@link #orphaned}) are taken over by compare-and-set ({@link #claim}), and every answer is committed by
 * compare-and-set too ({@link #commitAnswer}) just before it is posted, so a replica whose event was taken over while it
 * was paused never posts a second answer.
 */
final class EventLedger {
    /** An unanswered event whose replica stopped heartbeating; {@code claimedBy} is {@code null} for events from before claims. */
    record Orphan(String eventId, String claimedBy, SlackTurn turn) {
    }

    /** SQL state for a unique key violation: the id was already recorded. */
    private static final String DUPLICATE_KEY = "23505";

    private final Database db;
    private final Clock clock;
    /** Requests without an event id, in the ledger GitHub's deliveries use too. */
    private final DeliveryLedger requests;
    /** This replica: the front door of one czar process. */
    private final String replica;

    EventLedger(Database db, Clock clock, String replica) {
        this.db = db;
        this.clock = clock;
        this.requests = new DeliveryLedger(db, clock, "slack-request");
        this.replica = replica;
    }

    String replica() {
        return replica;
    }

    /**
     * Drops ids older than {@code keep}; Slack gives up redelivering within minutes, so a day is plenty.
     *
     * @return how many were dropped
     */
    int forgetOlderThan(Duration keep) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("DELETE FROM slack_events WHERE received_at < ?");
             PreparedStatement replicas = c.prepareStatement("DELETE FROM slack_replicas WHERE heartbeat_at < ?")) {
            st.setTimestamp(1, Timestamp.from(clock.instant().minus(keep)));
            replicas.setTimestamp(1, Timestamp.from(clock.instant().minus(keep)));
            replicas.executeUpdate();
            return st.executeUpdate() + requests.forgetOlderThan(keep);
        } catch (SQLException e) {
            throw new StoreException("pruning Slack event ids", e);
        }
    }

    /**
     * Records the id, what it asks and that this replica answers it; {@code true} on its first delivery, {@code false}
     * for every later one (to this replica or any other).
     */
    boolean firstDelivery(String eventId, SlackTurn turn) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO slack_events (event_id, received_at, turn_json, claimed_by) VALUES (?, ?, ?, ?)")) {
            st.setString(1, eventId);
            st.setTimestamp(2, Timestamp.from(clock.instant()));
            st.setString(3, StoredTurn.of(turn).json());
            st.setString(4, replica);
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

    /**
     * Commits this replica to answering the event, just before its answer is posted: {@code true} when the event is
     * still claimed by this replica and was not answered yet (it is marked answered now); {@code false} when another
     * replica took it over or answered it, and this answer must not be posted.
     */
    boolean commitAnswer(String eventId) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("UPDATE slack_events SET answered_at = ?"
                + " WHERE event_id = ? AND claimed_by = ? AND answered_at IS NULL")) {
            st.setTimestamp(1, Timestamp.from(clock.instant()));
            st.setString(2, eventId);
            st.setString(3, replica);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("marking Slack event " + eventId + " answered", e);
        }
    }

    /** Tells the other replicas this one is alive; its claimed events are not taken over while it beats. */
    void heartbeat() {
        try (Connection c = db.connection()) {
            Upsert.into("slack_replicas").key("replica_id", replica).set("heartbeat_at", Timestamp.from(clock.instant())).write(c);
        } catch (SQLException e) {
            throw new StoreException("recording the heartbeat of Slack replica " + replica, e);
        }
    }

    /**
     * Events taken in within {@code window}, still unanswered, whose replica has not heartbeated for {@code staleAfter}
     * (or never did: a czar killed before its first beat, or an event recorded before claims existed), oldest first.
     */
    List<Orphan> orphaned(Duration window, Duration staleAfter) {
        Instant now = clock.instant();
        List<Orphan> result = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT e.event_id, e.claimed_by, e.turn_json FROM slack_events e"
                        + " LEFT JOIN slack_replicas r ON r.replica_id = e.claimed_by"
                        + " WHERE e.answered_at IS NULL AND e.turn_json IS NOT NULL AND e.received_at >= ?"
                        + " AND (e.claimed_by IS NULL OR (e.claimed_by <> ? AND (r.heartbeat_at IS NULL OR r.heartbeat_at < ?)))"
                        + " ORDER BY e.received_at")) {
            st.setTimestamp(1, Timestamp.from(now.minus(window)));
            st.setString(2, replica);
            st.setTimestamp(3, Timestamp.from(now.minus(staleAfter)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new Orphan(rs.getString(1), rs.getString(2), StoredTurn.read(rs.getString(3)).turn()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading unanswered Slack events", e);
        }
    }

    /**
     * Takes an orphaned event over by compare-and-set on its claimer: {@code true} for exactly one of the replicas
     * that try at once, {@code false} when another was first or the event got answered meanwhile.
     */
    boolean claim(Orphan orphan) {
        return swapClaimer(orphan.eventId(), orphan.claimedBy(), replica);
    }

    /** Gives a claimed event up (the answer queue was full): the next pass of any replica claims it again. */
    void release(String eventId) {
        swapClaimer(eventId, replica, null);
    }

    private boolean swapClaimer(String eventId, String from, String to) {
        String sql = "UPDATE slack_events SET claimed_by = ? WHERE event_id = ? AND answered_at IS NULL AND claimed_by "
                + (from == null ? "IS NULL" : "= ?");
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, to);
            st.setString(2, eventId);
            if (from != null) {
                st.setString(3, from);
            }
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("claiming Slack event " + eventId, e);
        }
    }
}
