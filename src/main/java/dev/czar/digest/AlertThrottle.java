package dev.czar.digest;

import dev.czar.store.Database;
import dev.czar.store.StoreException;
import dev.czar.workers.WorkerNotices;
import dev.czar.workers.Workstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Stands between the supervisor's notices and a workstream's thread. Alerts (FAILED, STUCK, done refused, predicted
 * conflicts, regressions) are de-duplicated (the same alert about the same workstream is not repeated within
 * {@code repeatAfter}, numbers ignored) and rate-limited per workstream ({@code perHour}), so a flapping worker does
 * not flood the channel. What was posted is kept in H2, so a restart does not repeat it either. Other notices (a
 * question asked, DONE) always pass.
 */
public final class AlertThrottle implements WorkerNotices {
    private static final Logger LOG = LoggerFactory.getLogger(AlertThrottle.class);
    private static final List<String> ALERTS = List.of("failed", "stuck", "done refused", "predicted conflict",
            "possible duplicate", "benchmark regression");

    private final WorkerNotices target;
    private final Database db;
    private final Clock clock;
    private final Duration repeatAfter;
    private final int perHour;

    public AlertThrottle(WorkerNotices target, Database db, Clock clock, Duration repeatAfter, int perHour) {
        this.target = target;
        this.db = db;
        this.clock = clock;
        this.repeatAfter = repeatAfter;
        this.perHour = perHour;
    }

    @Override
    public synchronized void tell(Workstream workstream, String text) {
        if (!isAlert(text)) {
            target.tell(workstream, text);
            return;
        }
        Instant now = clock.instant();
        String fingerprint = fingerprint(text);
        if (postedSince(workstream.name(), fingerprint, now.minus(repeatAfter)) > 0) {
            LOG.debug("alert for {} not repeated: {}", workstream.name(), fingerprint);
            return;
        }
        if (postedSince(workstream.name(), null, now.minus(Duration.ofHours(1))) >= perHour) {
            LOG.info("alert for {} held back (digest.alerts-per-hour {}): {}", workstream.name(), perHour, fingerprint);
            return;
        }
        target.tell(workstream, text);
        record(workstream.name(), fingerprint, now);
    }

    static boolean isAlert(String text) {
        String folded = text.toLowerCase(Locale.ROOT);
        return ALERTS.stream().anyMatch(folded::startsWith);
    }

    /** The alert's first line with numbers blanked: "stuck for 31m" and "stuck for 32m" are the same alert. */
    static String fingerprint(String text) {
        String first = text.strip().lines().findFirst().orElse("").toLowerCase(Locale.ROOT).replaceAll("\\d+", "#");
        return first.length() <= 400 ? first : first.substring(0, 400);
    }

    private int postedSince(String workstream, String fingerprint, Instant since) {
        String sql = "SELECT COUNT(*) FROM alert_posts WHERE workstream = ? AND posted_at >= ?"
                + (fingerprint == null ? "" : " AND fingerprint = ?");
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, workstream);
            st.setTimestamp(2, Timestamp.from(since));
            if (fingerprint != null) {
                st.setString(3, fingerprint);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("reading posted alerts", e);
        }
    }

    private void record(String workstream, String fingerprint, Instant at) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO alert_posts (workstream, fingerprint, posted_at) VALUES (?, ?, ?)")) {
            st.setString(1, workstream);
            st.setString(2, fingerprint);
            st.setTimestamp(3, Timestamp.from(at));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording a posted alert", e);
        }
    }
}
