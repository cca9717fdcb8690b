package dev.czar.evidence.ci;

import dev.czar.store.Upsert;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.czar.chat.Json;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Last known CI result per (repo, ref), kept so an answer can fall back to it when GitHub is down. */
final class CiSnapshots {
    private static final TypeReference<List<WorkflowRun>> RUNS = new TypeReference<>() {
    };

    private final Database db;

    CiSnapshots(Database db) {
        this.db = db;
    }

    record Snapshot(List<WorkflowRun> runs, Instant fetchedAt) {
    }

    void save(String repo, String ref, List<WorkflowRun> runs, Instant fetchedAt) {
        try (Connection c = db.connection()) {
            Upsert.into("ci_snapshots").key("repo", repo).key("ref", ref).set("fetched_at", Timestamp.from(fetchedAt))
                    .set("runs_json", Json.MAPPER.writeValueAsString(runs)).write(c);
        } catch (SQLException e) {
            throw new StoreException("saving the CI snapshot of " + ref, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise workflow runs", e);
        }
    }

    Optional<Snapshot> load(String repo, String ref) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT fetched_at, runs_json FROM ci_snapshots WHERE repo = ? AND ref = ?")) {
            st.setString(1, repo);
            st.setString(2, ref);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Snapshot(Json.MAPPER.readValue(rs.getString(2), RUNS), rs.getTimestamp(1).toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreException("reading the CI snapshot of " + ref, e);
        } catch (JsonProcessingException e) {
            // an unreadable snapshot (older format) is as good as none
            return Optional.empty();
        }
    }
}
