package dev.czar.github;

import dev.czar.store.Upsert;
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
import java.util.Optional;

/**
 * The pull request of each workstream (number, url, state, head it was last updated at) and what GitHub said about it
 * since: its author, review state, when it opened and merged and the merge commit (webhooks, the publisher, the merge).
 */
public final class PullRequestStore {
    private final Database db;

    public PullRequestStore(Database db) {
        this.db = db;
    }

    /**
     * @param state {@code draft}, {@code open} (ready for review), {@code merged} or {@code closed}
     */
    public record PullRequest(String workstream, String repo, int number, String url, String nodeId, String state,
                              String headSha, Instant updatedAt) {
        /** How answers cite it. */
        public String citation() {
            return "pr:" + number;
        }
    }

    /**
     * A stored pull request with what only GitHub knows.
     *
     * @param reviewState {@code approved}, {@code changes_requested}, {@code commented} or {@code null} (no review yet)
     */
    public record Details(PullRequest pr, String author, String reviewState, Instant openedAt, Instant mergedAt,
                          String mergeSha) {
    }

    private static final String DETAILS = "SELECT workstream, repo, number, url, node_id, state, head_sha, updated_at,"
            + " author, review_state, opened_at, merged_at, merge_sha FROM workstream_pull_requests";

    public void save(PullRequest pr) {
        try (Connection c = db.connection()) {
            Upsert.into("workstream_pull_requests").key("workstream", pr.workstream()).set("repo", pr.repo())
                    .set("number", pr.number()).set("url", pr.url()).set("node_id", pr.nodeId()).set("state", pr.state())
                    .set("head_sha", pr.headSha()).set("updated_at", Timestamp.from(pr.updatedAt())).write(c);
            stampTimes(c, pr.workstream(), pr.updatedAt());
        } catch (SQLException e) {
            throw new StoreException("saving the pull request of " + pr.workstream(), e);
        }
    }

    public Optional<PullRequest> of(String workstream) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT workstream, repo, number,"
                + " url, node_id, state, head_sha, updated_at FROM workstream_pull_requests WHERE workstream = ?")) {
            st.setString(1, workstream);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PullRequest(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreException("reading the pull request of " + workstream, e);
        }
    }

    /** The first time a row is seen open (or merged) is when it opened (or merged), unless GitHub said otherwise. */
    private static void stampTimes(Connection c, String workstream, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE workstream_pull_requests SET opened_at = COALESCE(opened_at, ?),"
                + " merged_at = CASE WHEN state = 'merged' THEN COALESCE(merged_at, ?) ELSE merged_at END WHERE workstream = ?")) {
            st.setTimestamp(1, Timestamp.from(at));
            st.setTimestamp(2, Timestamp.from(at));
            st.setString(3, workstream);
            st.executeUpdate();
        }
    }

    /** What a {@code pull_request} event says about a pull request czar tracks; {@code false} when it tracks none. */
    public boolean applyPull(String repo, int number, String state, String headSha, String author, Instant openedAt,
                             Instant mergedAt, String mergeSha, Instant now) {
        return update("UPDATE workstream_pull_requests SET state = ?, head_sha = COALESCE(?, head_sha),"
                + " author = COALESCE(?, author), opened_at = COALESCE(?, opened_at), merged_at = COALESCE(?, merged_at),"
                + " merge_sha = COALESCE(?, merge_sha), updated_at = ? WHERE repo = ? AND number = ?", repo + "#" + number,
                state, headSha, author, ts(openedAt), ts(mergedAt), mergeSha, Timestamp.from(now), repo, number) > 0;
    }

    /** A review's verdict ({@code approved}, {@code changes_requested}, {@code commented}). */
    public boolean applyReview(String repo, int number, String reviewState, Instant now) {
        return update("UPDATE workstream_pull_requests SET review_state = ?, updated_at = ? WHERE repo = ? AND number = ?",
                repo + "#" + number, reviewState, Timestamp.from(now), repo, number) > 0;
    }

    /** A push moved the head of the workstream's branch. */
    public boolean applyHead(String workstream, String headSha, Instant now) {
        return update("UPDATE workstream_pull_requests SET head_sha = ?, updated_at = ? WHERE workstream = ?"
                + " AND state IN ('draft', 'open')", workstream, headSha, Timestamp.from(now), workstream) > 0;
    }

    private int update(String sql, String what, Object... values) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("updating pull request " + what, e);
        }
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    /** Every tracked pull request, newest number first. */
    public List<Details> all() {
        return details(DETAILS + " ORDER BY number DESC");
    }

    /** The tracked pull request with this number (czar opens them in one repository). */
    public Optional<Details> byNumber(int number) {
        return details(DETAILS + " WHERE number = " + number).stream().findFirst();
    }

    /** The open pull requests whose head is {@code sha}. */
    public List<Details> atHead(String repo, String sha) {
        return all().stream().filter(d -> d.pr().repo().equals(repo) && sha.equals(d.pr().headSha())).toList();
    }

    private List<Details> details(String sql) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            List<Details> result = new ArrayList<>();
            while (rs.next()) {
                PullRequest pr = new PullRequest(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
                result.add(new Details(pr, rs.getString(9), rs.getString(10), instant(rs.getTimestamp(11)),
                        instant(rs.getTimestamp(12)), rs.getString(13)));
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading pull requests", e);
        }
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
