package dev.czar.github;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Check runs, check suites and commit statuses GitHub reported (by webhook) for a head SHA, the latest report of each
 * name kept. Answers read them to say whether a pull request is green without asking GitHub.
 */
public final class ReportedChecks {
    /** Conclusions (check runs and suites) and states (statuses) that make a head red. */
    static final Set<String> RED = Set.of("failure", "timed_out", "cancelled", "action_required", "startup_failure", "error");

    private final Database db;

    public ReportedChecks(Database db) {
        this.db = db;
    }

    /**
     * One report.
     *
     * @param kind       {@code check_run}, {@code check_suite} or {@code status}
     * @param name       the check run's name, the suite's app, or the status context
     * @param externalId GitHub's id of the check run, suite or status
     * @param status     {@code queued}, {@code in_progress}, {@code completed}; statuses: {@code pending} or {@code completed}
     * @param conclusion {@code success}, {@code failure}, ... ({@code null} while not completed)
     */
    public record Check(String repo, String headSha, String kind, String name, String externalId, String status,
                        String conclusion, String url, Instant updatedAt) {
        public boolean red() {
            return conclusion != null && RED.contains(conclusion);
        }

        public boolean pending() {
            return !"completed".equals(status);
        }

        /** How answers cite it: {@code check run 42}, {@code status ci/jenkins}. */
        public String citation() {
            return kind.replace('_', ' ') + " " + (kind.equals("status") ? name : externalId);
        }
    }

    /** Keeps {@code check} as the latest report of its name at its head. */
    public void record(Check check) {
        try (Connection c = db.connection()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM pull_request_checks WHERE repo = ? AND head_sha = ?"
                    + " AND kind = ? AND name = ?")) {
                del.setString(1, check.repo());
                del.setString(2, check.headSha());
                del.setString(3, check.kind());
                del.setString(4, check.name());
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO pull_request_checks (repo, head_sha, kind, name,"
                    + " external_id, status, conclusion, url, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, check.repo());
                ins.setString(2, check.headSha());
                ins.setString(3, check.kind());
                ins.setString(4, cut(check.name(), 300));
                ins.setString(5, check.externalId());
                ins.setString(6, check.status());
                ins.setString(7, check.conclusion());
                ins.setString(8, cut(check.url(), 500));
                ins.setTimestamp(9, Timestamp.from(check.updatedAt()));
                ins.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("recording check " + check.name() + " at " + check.headSha(), e);
        }
    }

    /** Every report at {@code headSha}, check runs first, by name. */
    public List<Check> at(String repo, String headSha) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT repo, head_sha, kind, name,"
                + " external_id, status, conclusion, url, updated_at FROM pull_request_checks WHERE repo = ? AND head_sha = ?"
                + " ORDER BY kind, name")) {
            st.setString(1, repo);
            st.setString(2, headSha);
            try (ResultSet rs = st.executeQuery()) {
                List<Check> checks = new ArrayList<>();
                while (rs.next()) {
                    checks.add(new Check(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getTimestamp(9).toInstant()));
                }
                return checks;
            }
        } catch (SQLException e) {
            throw new StoreException("reading the checks at " + headSha, e);
        }
    }

    /**
     * {@code red} (any failed), {@code pending} (any still running), {@code green} (all passed) or {@code none}
     * (nothing reported). A suite only counts when no check run of it was reported: its runs say more.
     */
    public static String verdict(List<Check> checks) {
        if (checks.isEmpty()) {
            return "none";
        }
        if (checks.stream().anyMatch(Check::red)) {
            return "red";
        }
        boolean runs = checks.stream().anyMatch(c -> c.kind().equals("check_run"));
        return checks.stream().filter(c -> !(runs && c.kind().equals("check_suite"))).anyMatch(Check::pending)
                ? "pending" : "green";
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
