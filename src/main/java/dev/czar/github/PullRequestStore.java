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
import java.util.Optional;

/** The pull request of each workstream (number, url, state, head it was last updated at). */
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

    public void save(PullRequest pr) {
        try (Connection c = db.connection()) {
            Upsert.into("workstream_pull_requests").key("workstream", pr.workstream()).set("repo", pr.repo())
                    .set("number", pr.number()).set("url", pr.url()).set("node_id", pr.nodeId()).set("state", pr.state())
                    .set("head_sha", pr.headSha()).set("updated_at", Timestamp.from(pr.updatedAt())).write(c);
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
}
