package dev.czar.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.czar.chat.Json;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;

/** Reviews kept in H2, so a status answer or a Definition of Done report can link to one by id, and for reuse. */
public final class ReviewStore {
    private final Database db;

    public ReviewStore(Database db) {
        this.db = db;
    }

    /** Stores the report and returns it with its id. */
    public ReviewReport save(ReviewReport report, String personaKey) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO review_reports (created_at, target, input_hash,"
                     + " persona_key, verdict, complete, report_json) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            st.setTimestamp(1, Timestamp.from(report.createdAt()));
            st.setString(2, report.target());
            st.setString(3, report.inputHash());
            st.setString(4, personaKey);
            st.setString(5, report.verdict());
            st.setBoolean(6, report.failedPersonas().isEmpty());
            st.setString(7, Json.write(report));
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return report.stored(keys.getLong(1));
            }
        } catch (SQLException e) {
            throw new StoreException("saving a review", e);
        }
    }

    /** The latest complete review of the same content by the same personas; incomplete reviews are never reused. */
    public Optional<ReviewReport> cached(String inputHash, String personaKey) {
        return one("SELECT id, report_json FROM review_reports WHERE input_hash = ? AND persona_key = ? AND complete"
                + " ORDER BY id DESC LIMIT 1", inputHash, personaKey);
    }

    /** The latest review of {@code target} ({@code branch feature-x}), for status answers that link to it. */
    public Optional<ReviewReport> latest(String target) {
        return one("SELECT id, report_json FROM review_reports WHERE target = ? ORDER BY id DESC LIMIT 1", target);
    }

    /** A stored review by id. */
    public Optional<ReviewReport> find(long id) {
        return one("SELECT id, report_json FROM review_reports WHERE id = ?", id);
    }

    private Optional<ReviewReport> one(String sql, Object... params) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(Json.MAPPER.readValue(rs.getString(2), ReviewReport.class).stored(rs.getLong(1)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading reviews", e);
        } catch (JsonProcessingException e) {
            throw new StoreException("reading a stored review", e);
        }
    }
}
