package dev.czar.evidence.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

    /** Called once after the last batch, before the caller commits. */
    void finish() throws SQLException {
    }

    long inserted() {
        return inserted;
    }

    long duplicates() {
        return duplicates;
    }

    @Override
    public abstract void close() throws SQLException;

    /**
     * Writes in the caller's transaction. Runs are looked up once per batch: a metric row can only exist if its run
     * does, so metrics of runs new to the store are deduplicated against this import's own keys in memory and
     * staged in CSV files that {@link #finish} loads with one set-based {@code INSERT ... SELECT FROM CSVREAD} per
     * table (H2's bulk path; row-by-row JDBC inserts ran at a fifth of its rate). Metrics of runs already stored go
     * through {@code WHERE NOT EXISTS} at once; its update count tells new rows from duplicates. The UNIQUE
     * constraints stay the backstop.
     */
    static final class Transactional extends MeasurementWriter {
        private static final int LOOKUP = 500;

        private final Connection connection;
        private final PreparedStatement findRuns;
        private final PreparedStatement knownMetrics;
        private final Timestamp importedAt;
        /** Runs this import creates, with the metrics staged for them so far. */
        private final Map<String, Set<String>> createdRuns = new HashMap<>();
        /** Runs that were in the store before this import, hash to id. */
        private final Map<String, Long> storedRuns = new HashMap<>();
        private final Path staging;
        private final Writer stagedRuns;
        private final Writer stagedMetrics;
        private long stagedMetricCount;

        Transactional(Connection c, Instant importedAt) throws SQLException {
            this.connection = c;
            this.importedAt = Timestamp.from(importedAt);
            this.findRuns = c.prepareStatement("SELECT run_hash, id FROM bench_runs WHERE run_hash IN ("
                    + String.join(", ", java.util.Collections.nCopies(LOOKUP, "?")) + ")");
            this.knownMetrics = c.prepareStatement("INSERT INTO bench_metrics (run_id, metric, metric_value, unit, raw_value,"
                    + " raw_unit, conversion, raw_fields, notes, source_line) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL"
                    + " WHERE NOT EXISTS (SELECT 1 FROM bench_metrics WHERE run_id = ? AND metric = ?)");
            try {
                this.staging = Files.createTempDirectory("czar-bench-import");
                this.stagedRuns = Files.newBufferedWriter(staging.resolve("runs.csv"), StandardCharsets.UTF_8);
                this.stagedMetrics = Files.newBufferedWriter(staging.resolve("metrics.csv"), StandardCharsets.UTF_8);
                stagedRuns.write("RUN_HASH,SOURCE,BENCHMARK,VARIANT,ITERATION,COMMIT_SHA,BRANCH,RAN_AT\n");
                stagedMetrics.write("RUN_HASH,METRIC,V,UNIT,RAW_VALUE,RAW_UNIT,CONVERSION,RAW_FIELDS,NOTES,LINE\n");
            } catch (IOException e) {
                throw new SQLException("cannot create the import staging files: " + e.getMessage(), e);
            }
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
            try {
                for (Measurement m : unseen.values()) {
                    if (!storedRuns.containsKey(m.runHash())) {
                        createdRuns.put(m.runHash(), new HashSet<>(4));
                        stageRun(m);
                    }
                }
                boolean anyKnown = false;
                for (Measurement m : batch) {
                    Set<String> metrics = createdRuns.get(m.runHash());
                    if (metrics == null) {
                        bindKnown(storedRuns.get(m.runHash()), m);
                        anyKnown = true;
                    } else if (metrics.add(m.metric())) {
                        stageMetric(m);
                    } else {
                        duplicates++;
                    }
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
            } catch (IOException e) {
                throw new SQLException("cannot write the import staging files: " + e.getMessage(), e);
            }
        }

        @Override
        void finish() throws SQLException {
            try {
                stagedRuns.close();
                stagedMetrics.close();
            } catch (IOException e) {
                throw new SQLException("cannot write the import staging files: " + e.getMessage(), e);
            }
            if (stagedMetricCount == 0 && createdRuns.isEmpty()) {
                return;
            }
            try (PreparedStatement runs = connection.prepareStatement("INSERT INTO bench_runs (run_hash, source, benchmark,"
                    + " variant, iteration, commit_sha, branch, ran_at, imported_at) SELECT RUN_HASH, SOURCE, BENCHMARK, VARIANT,"
                    + " CAST(ITERATION AS INT), COMMIT_SHA, BRANCH, CAST(RAN_AT AS TIMESTAMP WITH TIME ZONE), ? FROM "
                    + csvread("runs.csv"));
                 PreparedStatement metrics = connection.prepareStatement("INSERT INTO bench_metrics (run_id, metric,"
                         + " metric_value, unit, raw_value, raw_unit, conversion, raw_fields, notes, source_line)"
                         + " SELECT r.id, s.METRIC, CAST(s.V AS DOUBLE PRECISION), s.UNIT, s.RAW_VALUE, s.RAW_UNIT, s.CONVERSION,"
                         + " s.RAW_FIELDS, s.NOTES, CAST(s.LINE AS INT) FROM " + csvread("metrics.csv")
                         + " s JOIN bench_runs r ON r.run_hash = s.RUN_HASH")) {
                runs.setTimestamp(1, importedAt);
                int runCount = runs.executeUpdate();
                int metricCount = metrics.executeUpdate();
                if (runCount != createdRuns.size() || metricCount != stagedMetricCount) {
                    throw new SQLException("bulk load stored " + runCount + " runs and " + metricCount + " metrics, expected "
                            + createdRuns.size() + " and " + stagedMetricCount);
                }
                inserted += metricCount;
            }
        }

        private String csvread(String file) {
            return "CSVREAD('" + staging.resolve(file).toAbsolutePath().toString().replace("'", "''")
                    + "', NULL, 'charset=UTF-8')";
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

        private void stageRun(Measurement m) throws IOException {
            Writer w = stagedRuns;
            cell(w, m.runHash(), ',');
            cell(w, m.source(), ',');
            cell(w, m.benchmark(), ',');
            cell(w, m.variant(), ',');
            cell(w, m.iteration() == null ? null : m.iteration().toString(), ',');
            cell(w, m.commit(), ',');
            cell(w, m.branch(), ',');
            cell(w, m.ranAt() == null ? null : m.ranAt().toString(), '\n');
        }

        private void stageMetric(Measurement m) throws IOException {
            Writer w = stagedMetrics;
            cell(w, m.runHash(), ',');
            cell(w, m.metric(), ',');
            cell(w, Double.toString(m.value()), ',');
            cell(w, m.unit(), ',');
            cell(w, m.rawValue(), ',');
            cell(w, m.rawUnit(), ',');
            cell(w, m.conversion(), ',');
            cell(w, m.rawFields(), ',');
            cell(w, m.notes(), ',');
            cell(w, Integer.toString(m.line()), '\n');
            stagedMetricCount++;
        }

        /** NULL is an empty unquoted cell; every value is quoted, so an empty string stays an empty string. */
        private static void cell(Writer w, String value, char end) throws IOException {
            if (value != null) {
                w.write('"');
                w.write(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\""));
                w.write('"');
            }
            w.write(end);
        }

        private void bindKnown(long runId, Measurement m) throws SQLException {
            PreparedStatement st = knownMetrics;
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
            st.setLong(11, runId);
            st.setString(12, m.metric());
            st.addBatch();
        }

        @Override
        public void close() throws SQLException {
            try {
                stagedRuns.close();
                stagedMetrics.close();
                Files.deleteIfExists(staging.resolve("runs.csv"));
                Files.deleteIfExists(staging.resolve("metrics.csv"));
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                // a leftover temp file is harmless; the import itself is already decided
            } finally {
                findRuns.close();
                knownMetrics.close();
            }
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
