package dev.czar.slack;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Replies Slack refused after every retry. Kept in H2 with the error so nothing said is lost and it can be re-posted. */
final class SlackOutbox {
    /** One parked reply. */
    record Parked(long id, String channel, String threadTs, String text, String blocksJson, String error) {
    }

    private final Database db;
    private final Clock clock;

    SlackOutbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void park(String channel, String threadTs, String text, String blocksJson, String error) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO slack_outbox"
                     + " (channel, thread_ts, text, blocks_json, error, failed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, channel);
            st.setString(2, threadTs);
            st.setString(3, text);
            st.setString(4, blocksJson);
            st.setString(5, error);
            st.setTimestamp(6, Timestamp.from(clock.instant()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("parking a Slack reply", e);
        }
    }

    List<Parked> unposted() {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT id, channel, thread_ts, text, blocks_json, error"
                     + " FROM slack_outbox WHERE posted_at IS NULL ORDER BY id")) {
            List<Parked> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new Parked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading the Slack outbox", e);
        }
    }

    void markPosted(long id) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("UPDATE slack_outbox SET posted_at = ? WHERE id = ?")) {
            st.setTimestamp(1, Timestamp.from(clock.instant()));
            st.setLong(2, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("marking a Slack reply posted", e);
        }
    }
}
