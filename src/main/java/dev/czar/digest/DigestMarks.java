package dev.czar.digest;

import dev.czar.store.Upsert;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Where each digest target stopped: the time and the last workstream event it covered, and its last cron slot. */
public final class DigestMarks {
    /** A target's position. {@code lastSlot} is the last scheduled time served, {@code null} for unscheduled targets. */
    public record Mark(Instant at, long lastEventId, Instant lastSlot, Set<String> seen) {
        public Mark {
            seen = Set.copyOf(seen);
        }
    }

    private final Database db;

    public DigestMarks(Database db) {
        this.db = db;
    }

    public Optional<Mark> find(String target) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT at, last_event_id, last_slot, seen FROM digest_marks WHERE target = ?")) {
            st.setString(1, target);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp slot = rs.getTimestamp(3);
                String seen = rs.getString(4);
                return Optional.of(new Mark(rs.getTimestamp(1).toInstant(), rs.getLong(2), slot == null ? null : slot.toInstant(),
                        seen == null || seen.isEmpty() ? Set.of() : Set.copyOf(seen.lines().toList())));
            }
        } catch (SQLException e) {
            throw new StoreException("reading the digest mark of " + target, e);
        }
    }

    public void save(String target, Mark mark) {
        try (Connection c = db.connection()) {
            Upsert.into("digest_marks").key("target", target).set("at", Timestamp.from(mark.at()))
                    .set("last_event_id", mark.lastEventId())
                    .set("last_slot", mark.lastSlot() == null ? null : Timestamp.from(mark.lastSlot()))
                    .set("seen", String.join("\n", new java.util.TreeSet<>(mark.seen()))).write(c);
        } catch (SQLException e) {
            throw new StoreException("saving the digest mark of " + target, e);
        }
    }

    /**
     * Claims the schedule slot {@code due} of {@code target} by compare-and-set: {@code true} for exactly one of the
     * czar replicas trying at once, {@code false} when the slot (or a later one) was served already.
     */
    public boolean claimSlot(String target, Instant due, Instant now) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("UPDATE digest_marks SET at = ?,"
                + " last_slot = ? WHERE target = ? AND (last_slot IS NULL OR last_slot < ?)")) {
            st.setTimestamp(1, Timestamp.from(now));
            st.setTimestamp(2, Timestamp.from(due));
            st.setString(3, target);
            st.setTimestamp(4, Timestamp.from(due));
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("claiming the digest slot " + due + " of " + target, e);
        }
    }

    /** Gives a claimed slot back (its digest could not be posted), unless a later slot was claimed meanwhile. */
    public void releaseSlot(String target, Instant due, Instant previous) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "UPDATE digest_marks SET last_slot = ? WHERE target = ? AND last_slot = ?")) {
            st.setTimestamp(1, previous == null ? null : Timestamp.from(previous));
            st.setString(2, target);
            st.setTimestamp(3, Timestamp.from(due));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("releasing the digest slot " + due + " of " + target, e);
        }
    }
}
