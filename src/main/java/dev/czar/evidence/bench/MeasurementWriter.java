package dev.czar.evidence.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
     * Inserts a batch in the caller's transaction. Runs are looked up once per batch: a metric row can only exist
     * if its run does, so metrics of runs new to the store are checked against this import's own keys in memory
     * and inserted plainly, while metrics of runs already stored go through {@code WHERE NOT EXISTS}. The update
     * count per row tells new rows from duplicates; the UNIQUE constraints stay the backstop.
     */
    static final class Transactional extends MeasurementWriter {
        private static final int LOOKUP = 500;

        private final PreparedStatement findRuns;
        private final PreparedStatement runs;
        private final PreparedStatement newMetrics;
        private final PreparedStatement knownMetrics;
        private final Timestamp importedAt;
        /** A run this import created: its id and the metrics stored for it so far. */
        private record Created(long id, Set<String> metrics) {
        }

        private final Map<String, Created> createdRuns = new HashMap<>();
        /** Runs that were in the store before this import, hash to id. */
        private final Map<String, Long> storedRuns = new HashMap<>();

        Transactional(Connection c, Instant importedAt) throws SQLException {
            this.importedAt = Timestamp.from(importedAt);
            this.findRuns = c.prepareStatement("SELECT run_hash, id FROM bench_runs WHERE run_hash IN ("
                    + String.join(", ", java.util.Collections.nCopies(LOOKUP, "?")) + ")");
            this.runs = c.prepareStatement("INSERT INTO bench_runs (run_hash, source, benchmark, variant, iteration,"
                    + " commit_sha, branch, ran_at, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"ID"});
            String columns = "INSERT INTO bench_metrics (run_id, metric, metric_value, unit, raw_value, raw_unit, conversion,"
                    + " raw_fields, notes, source_line)";
            this.newMetrics = c.prepareStatement(columns + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.knownMetrics = c.prepareStatement(columns + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL"
                    + " WHERE NOT EXISTS (SELECT 1 FROM bench_metrics WHERE run_id = ? AND metric = ?)");
        }

        @Override
        void write(List<Measurement> batch) throws SQLException {
            Map<String, Measurement> unseen = new LinkedHashMap<>();
            for (Measurement m : batch) {
                if (!createdRuns.containsKey(m.runHash()) && !storedRuns.containsKey(m.runHash())) {
                    unseen.putIfAbsent(m.runHash(), m);
                }
            }
            storedRuns.putAll(stored(new ArrayList<>(unseen.keySet())));
            List<String> fresh = new ArrayList<>();
            for (Measurement m : unseen.values()) {
                if (!storedRuns.containsKey(m.runHash())) {
                    bindRun(m);
                    fresh.add(m.runHash());
                }
            }
            if (!fresh.isEmpty()) {
                runs.executeBatch();
                try (ResultSet keys = runs.getGeneratedKeys()) {
                    for (String hash : fresh) {
                        if (!keys.next()) {
                            throw new SQLException("the database returned fewer run ids than runs inserted");
                        }
                        createdRuns.put(hash, new Created(keys.getLong(1), new HashSet<>(4)));
                    }
                }
            }
            boolean anyNew = false;
            boolean anyKnown = false;
            for (Measurement m : batch) {
                Created created = createdRuns.get(m.runHash());
                if (created == null) {
                    long runId = storedRuns.get(m.runHash());
                    bindMetric(knownMetrics, runId, m);
                    knownMetrics.setLong(11, runId);
                    knownMetrics.setString(12, m.metric());
                    knownMetrics.addBatch();
                    anyKnown = true;
                } else if (created.metrics().add(m.metric())) {
                    bindMetric(newMetrics, created.id(), m);
                    newMetrics.addBatch();
                    anyNew = true;
                } else {
                    duplicates++;
                }
            }
            if (anyNew) {
                inserted += newMetrics.executeBatch().length;
            }
            if (anyKnown) {
                for (int count : knownMetrics.executeBatch()) {
                    if (count > 0) {
                        inserted++;
                    } else {
                        duplicates++;
                    }
                }
            }
        }

        private Map<String, Long> stored(List<String> hashes) throws SQLException {
            Map<String, Long> found = new HashMap<>();
            for (int from = 0; from < hashes.size(); from += LOOKUP) {
                List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + LOOKUP));
                for (int i = 0; i < LOOKUP; i++) {
                    // pad with the first hash: repeats do not change the answer
                    findRuns.setString(i + 1, chunk.get(i < chunk.size() ? i : 0));
                }
                try (ResultSet rs = findRuns.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return found;
        }

        private void bindRun(Measurement m) throws SQLException {
            runs.setString(1, m.runHash());
            runs.setString(2, m.source());
            runs.setString(3, m.benchmark());
            runs.setString(4, m.variant());
            if (m.iteration() == null) {
                runs.setNull(5, Types.INTEGER);
            } else {
                runs.setInt(5, m.iteration());
            }
            runs.setString(6, m.commit());
            runs.setString(7, m.branch());
            runs.setTimestamp(8, m.ranAt() == null ? null : Timestamp.from(m.ranAt()));
            runs.setTimestamp(9, importedAt);
            runs.addBatch();
        }

        private static void bindMetric(PreparedStatement st, long runId, Measurement m) throws SQLException {
            st.setLong(1, runId);
            st.setString(2, m.metric());
            st.setDouble(3, m.value());
            st.setString(4, m.unit());
            st.setString(5, m.rawValue());
            st.setString(6, m.rawUnit());
            st.setString(7, m.conversion());
            st.setString(8, m.rawFields());
            st.setString(9, m.notes());
            st.setInt(10, m.line());
        }

        @Override
        public void close() throws SQLException {
            findRuns.close();
            runs.close();
            newMetrics.close();
            knownMetrics.close();
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
            this.exists = c.prepareStatement("SELECT 1 FROM bench_metrics m JOIN bench_runs r ON r.id = m.run_id"
                    + " WHERE r.run_hash = ? AND m.metric = ?");
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
