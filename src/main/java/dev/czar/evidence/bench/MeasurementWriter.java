package dev.czar.evidence.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stores batches of measurements inside the caller's transaction, counting what was new and what was not. */
abstract sealed class MeasurementWriter implements AutoCloseable {
    protected long inserted;
    protected long duplicates;

    abstract void write(List<Measurement> batch) throws SQLException;

    long inserted() {
        return inserted;
    }

    long duplicates() {
        return duplicates;
    }

    @Override
    public abstract void close() throws SQLException;

    /**
     * Inserts with {@code WHERE NOT EXISTS}, so the per-row update count tells new rows from duplicates and the
     * UNIQUE constraints stay a backstop rather than the mechanism (a violation would abort the batch).
     */
    static final class Transactional extends MeasurementWriter {
        private final PreparedStatement runs;
        private final PreparedStatement metrics;
        private final Timestamp importedAt;
        private final Set<String> runsSeen = new HashSet<>();

        Transactional(Connection c, Instant importedAt) throws SQLException {
            this.importedAt = Timestamp.from(importedAt);
            this.runs = c.prepareStatement("INSERT INTO bench_runs (run_hash, source, benchmark, variant, iteration,"
                    + " commit_sha, branch, ran_at, imported_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL"
                    + " WHERE NOT EXISTS (SELECT 1 FROM bench_runs WHERE run_hash = ?)");
            this.metrics = c.prepareStatement("INSERT INTO bench_metrics (run_hash, metric, metric_value, unit, raw_value,"
                    + " raw_unit, conversion, raw_fields, notes, source_line) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL"
                    + " WHERE NOT EXISTS (SELECT 1 FROM bench_metrics WHERE run_hash = ? AND metric = ?)");
        }

        @Override
        void write(List<Measurement> batch) throws SQLException {
            Map<String, Measurement> newRuns = new LinkedHashMap<>();
            for (Measurement m : batch) {
                if (runsSeen.add(m.runHash())) {
                    newRuns.put(m.runHash(), m);
                }
            }
            if (!newRuns.isEmpty()) {
                for (Measurement m : newRuns.values()) {
                    runs.setString(1, m.runHash());
                    runs.setString(2, m.source());
                    runs.setString(3, m.benchmark());
                    runs.setString(4, m.variant());
                    setInt(runs, 5, m.iteration());
                    runs.setString(6, m.commit());
                    runs.setString(7, m.branch());
                    runs.setTimestamp(8, m.ranAt() == null ? null : Timestamp.from(m.ranAt()));
                    runs.setTimestamp(9, importedAt);
                    runs.setString(10, m.runHash());
                    runs.addBatch();
                }
                runs.executeBatch();
            }
            for (Measurement m : batch) {
                metrics.setString(1, m.runHash());
                metrics.setString(2, m.metric());
                metrics.setDouble(3, m.value());
                metrics.setString(4, m.unit());
                metrics.setString(5, m.rawValue());
                metrics.setString(6, m.rawUnit());
                metrics.setString(7, m.conversion());
                metrics.setString(8, m.rawFields());
                metrics.setString(9, m.notes());
                metrics.setInt(10, m.line());
                metrics.setString(11, m.runHash());
                metrics.setString(12, m.metric());
                metrics.addBatch();
            }
            for (int count : metrics.executeBatch()) {
                if (count > 0) {
                    inserted++;
                } else {
                    duplicates++;
                }
            }
        }

        private static void setInt(PreparedStatement st, int index, Integer value) throws SQLException {
            if (value == null) {
                st.setNull(index, Types.INTEGER);
            } else {
                st.setInt(index, value);
            }
        }

        @Override
        public void close() throws SQLException {
            runs.close();
            metrics.close();
        }
    }

    /** Only reads: looks each record up in the store and remembers what this import would already have added. */
    static final class DryRun extends MeasurementWriter {
        private final Connection connection;
        private final PreparedStatement exists;
        private final Set<String> wouldInsert = new HashSet<>();

        DryRun(Connection c) throws SQLException {
            this.connection = c;
            c.setReadOnly(true);
            this.exists = c.prepareStatement("SELECT 1 FROM bench_metrics WHERE run_hash = ? AND metric = ?");
        }

        @Override
        void write(List<Measurement> batch) throws SQLException {
            for (Measurement m : batch) {
                if (!wouldInsert.add(m.runHash() + '\u0000' + m.metric()) || stored(m)) {
                    duplicates++;
                } else {
                    inserted++;
                }
            }
        }

        private boolean stored(Measurement m) throws SQLException {
            exists.setString(1, m.runHash());
            exists.setString(2, m.metric());
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        }

        @Override
        public void close() throws SQLException {
            exists.close();
            connection.setReadOnly(false);
        }
    }
}
