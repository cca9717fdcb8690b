package dev.czar.slack;

import dev.czar.store.Upsert;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/** Threads czar has answered in; a follow-up there is meant for czar even without a mention. */
final class ThreadMemory {
    private final Database db;
    private final Clock clock;

    ThreadMemory(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void join(String channel, String threadTs) {
        try (Connection c = db.connection()) {
            Upsert.into("slack_threads").key("channel", channel).key("thread_ts", threadTs)
                    .set("joined_at", Timestamp.from(clock.instant())).write(c);
        } catch (SQLException e) {
            throw new StoreException("remembering Slack thread " + channel + "/" + threadTs, e);
        }
    }

    boolean isIn(String channel, String threadTs) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT 1 FROM slack_threads WHERE channel = ? AND thread_ts = ?")) {
            st.setString(1, channel);
            st.setString(2, threadTs);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("looking up Slack thread " + channel + "/" + threadTs, e);
        }
    }
}
