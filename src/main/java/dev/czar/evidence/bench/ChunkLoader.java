package dev.czar.evidence.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Loads staged chunks into the import's transaction on a thread of its own, one chunk at a time, so that H2 stores
 * one chunk while the importer reads and validates the next (the two halves take about as long as each other).
 * Each table is loaded with one set-based {@code INSERT ... SELECT FROM UNNEST(...)}, every column bound as one
 * typed array: H2's bulk path without a text round trip (row-by-row JDBC inserts ran at a fifth of its rate, and
 * staging through CSV files for {@code CSVREAD} spent half the loader's time writing and parsing text).
 */
final class ChunkLoader implements AutoCloseable {
    private static final String METRIC_COLUMNS = "run_id, metric, metric_value, unit, raw_value, raw_unit, conversion,"
            + " raw_fields, notes, source_line";
    private static final String METRIC_SOURCE = "UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS DOUBLE PRECISION ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS INTEGER ARRAY))"
            + " AS s(RUN_ID, METRIC, V, UNIT, RAW_VALUE, RAW_UNIT, CONVERSION, RAW_FIELDS, NOTES, LINE)";
    private static final String RUNS = "INSERT INTO bench_runs (id, run_key, run_hash, source, benchmark, variant, iteration,"
            + " commit_sha, branch, ran_at, imported_at) SELECT s.*, ? FROM UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS UUID ARRAY),"
            + " CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS INTEGER ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE ARRAY)) AS s(ID, RUN_KEY, RUN_HASH, SOURCE, BENCHMARK, VARIANT, ITERATION,"
            + " COMMIT_SHA, BRANCH, RAN_AT)";
    private static final String METRICS = "INSERT INTO bench_metrics (" + METRIC_COLUMNS + ") SELECT s.* FROM " + METRIC_SOURCE;
    /** A metric of a run stored before this import may be stored already: the update count tells. */
    private static final String KNOWN = METRICS + " WHERE NOT EXISTS (SELECT 1 FROM bench_metrics m"
            + " WHERE m.run_id = s.RUN_ID AND m.metric = s.METRIC)";

    private final Connection transaction;
    private final Timestamp importedAt;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "czar-bench-import-load");
        t.setDaemon(true);
        return t;
    });
    private Future<Loaded> inFlight;
    private long inserted;
    private long duplicates;

    /** What one chunk added: metric rows inserted, and metrics of stored runs that were already there. */
    private record Loaded(long inserted, long duplicates) {
    }

    ChunkLoader(Connection transaction, Timestamp importedAt) {
        this.transaction = transaction;
        this.importedAt = importedAt;
    }

    /** Waits for the chunk before (a load error surfaces here), then starts loading {@code chunk}. */
    void submit(StagedChunk chunk) throws SQLException {
        await();
        inFlight = thread.submit(() -> load(chunk));
    }

    /** Waits for the last chunk. */
    void await() throws SQLException {
        if (inFlight == null) {
            return;
        }
        try {
            Loaded loaded = inFlight.get();
            inserted += loaded.inserted();
            duplicates += loaded.duplicates();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading staged rows", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException("loading staged rows failed", e.getCause());
        } finally {
            inFlight = null;
        }
    }

    long inserted() {
        return inserted;
    }

    long duplicates() {
        return duplicates;
    }

    private Loaded load(StagedChunk chunk) throws SQLException {
        int runCount = insert(RUNS, chunk.runs, ChunkLoader::bindRuns);
        int metricCount = insert(METRICS, chunk.metrics, ChunkLoader::bindMetrics);
        if (runCount != chunk.runs.size() || metricCount != chunk.metrics.size()) {
            throw new SQLException("bulk load stored " + runCount + " runs and " + metricCount + " metrics, expected "
                    + chunk.runs.size() + " and " + chunk.metrics.size());
        }
        int knownCount = insert(KNOWN, chunk.known, ChunkLoader::bindMetrics);
        return new Loaded(metricCount + knownCount, chunk.known.size() - knownCount);
    }

    private interface Binder {
        void bind(PreparedStatement st, List<StagedChunk.Row> rows, Timestamp importedAt) throws SQLException;
    }

    private int insert(String sql, List<StagedChunk.Row> rows, Binder binder) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = transaction.prepareStatement(sql)) {
            binder.bind(st, rows, importedAt);
            return st.executeUpdate();
        }
    }

    private static void bindRuns(PreparedStatement st, List<StagedChunk.Row> rows, Timestamp importedAt) throws SQLException {
        int n = rows.size();
        Object[] id = new Object[n], key = new Object[n], hash = new Object[n], source = new Object[n], benchmark = new Object[n],
                variant = new Object[n], iteration = new Object[n], commit = new Object[n], branch = new Object[n], ranAt = new Object[n];
        for (int i = 0; i < n; i++) {
            StagedChunk.Row row = rows.get(i);
            Measurement m = row.measurement();
            id[i] = row.runId();
            key[i] = m.runKey();
            hash[i] = m.runHash();
            source[i] = m.source();
            benchmark[i] = m.benchmark();
            variant[i] = m.variant();
            iteration[i] = m.iteration();
            commit[i] = m.commit();
            branch[i] = m.branch();
            ranAt[i] = m.ranAt() == null ? null : OffsetDateTime.ofInstant(m.ranAt(), ZoneOffset.UTC);
        }
        st.setTimestamp(1, importedAt);
        Object[][] columns = {id, key, hash, source, benchmark, variant, iteration, commit, branch, ranAt};
        for (int c = 0; c < columns.length; c++) {
            st.setObject(c + 2, columns[c]);
        }
    }

    private static void bindMetrics(PreparedStatement st, List<StagedChunk.Row> rows, Timestamp unused) throws SQLException {
        int n = rows.size();
        Object[] runId = new Object[n], metric = new Object[n], value = new Object[n], unit = new Object[n], rawValue = new Object[n],
                rawUnit = new Object[n], conversion = new Object[n], rawFields = new Object[n], notes = new Object[n], line = new Object[n];
        for (int i = 0; i < n; i++) {
            StagedChunk.Row row = rows.get(i);
            Measurement m = row.measurement();
            runId[i] = row.runId();
            metric[i] = m.metric();
            value[i] = m.value();
            unit[i] = m.unit();
            rawValue[i] = m.rawValue();
            rawUnit[i] = m.rawUnit();
            conversion[i] = m.conversion();
            rawFields[i] = m.rawFields();
            notes[i] = m.notes();
            line[i] = m.line();
        }
        Object[][] columns = {runId, metric, value, unit, rawValue, rawUnit, conversion, rawFields, notes, line};
        for (int c = 0; c < columns.length; c++) {
            st.setObject(c + 1, columns[c]);
        }
    }

    /** Waits for a load still running (its connection is about to be committed or rolled back) and stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
