package dev.czar.slack;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Destructive commands waiting for a Confirm or Cancel press, in H2 so a button still works after a restart.
 * A request is decided at most once: the state change is a conditional update, so two presses cannot both win.
 */
final class PendingConfirmations {
    /** A command waiting for its decision. */
    record Pending(String id, String user, String channel, String threadTs, String text, Instant expiresAt) {
    }

    private final Database db;
    private final Clock clock;
    private final Duration ttl;

    PendingConfirmations(Database db, Clock clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** How long a request waits for its decision. */
    Duration ttl() {
        return ttl;
    }

    Pending open(String user, String channel, String threadTs, String text) {
        Instant now = clock.instant();
        Pending pending = new Pending(UUID.randomUUID().toString(), user, channel, threadTs, text, now.plus(ttl));
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO slack_confirmations"
                     + " (id, user_id, channel, thread_ts, text, created_at, expires_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')")) {
            st.setString(1, pending.id());
            st.setString(2, user);
            st.setString(3, channel);
            st.setString(4, threadTs);
            st.setString(5, text);
            st.setTimestamp(6, Timestamp.from(now));
            st.setTimestamp(7, Timestamp.from(pending.expiresAt()));
            st.executeUpdate();
            return pending;
        } catch (SQLException e) {
            throw new StoreException("opening a confirmation", e);
        }
    }

    /** The request while it is still pending (expired or not), else empty. */
    Optional<Pending> find(String id) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT id, user_id, channel, thread_ts, text, expires_at"
                     + " FROM slack_confirmations WHERE id = ? AND state = 'pending'")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading confirmation " + id, e);
        }
    }

    boolean isExpired(Pending pending) {
        return !clock.instant().isBefore(pending.expiresAt());
    }

    /**
     * Moves a pending request to {@code state} ({@code confirmed}, {@code cancelled}, {@code expired}).
     *
     * @return whether this call decided it; {@code false} when someone else already had
     */
    boolean decide(String id, String state, String decidedBy) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement(
                     "UPDATE slack_confirmations SET state = ?, decided_by = ? WHERE id = ? AND state = 'pending'")) {
            st.setString(1, state);
            st.setString(2, decidedBy);
            st.setString(3, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("deciding confirmation " + id, e);
        }
    }
}
