package dev.czar.evidence.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
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
    private static final String METRIC_COLUMNS = "id, run_id, metric, metric_value, unit, raw_value, raw_unit, conversion,"
            + " raw_fields, notes, source_line";
    private static final String METRIC_SOURCE = "UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS DOUBLE PRECISION ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS INTEGER ARRAY))"
            + " AS s(ID, RUN_ID, METRIC, V, UNIT, RAW_VALUE, RAW_UNIT, CONVERSION, RAW_FIELDS, NOTES, LINE)";
    private static final String RUNS = "INSERT INTO bench_runs (id, run_key, run_hash, source, benchmark, variant, iteration,"
            + " commit_sha, branch, ran_at, imported_at) SELECT s.*, ? FROM UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS UUID ARRAY),"
            + " CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS INTEGER ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE ARRAY)) AS s(ID, RUN_KEY, RUN_HASH, SOURCE, BENCHMARK, VARIANT, ITERATION,"
            + " COMMIT_SHA, BRANCH, RAN_AT)";
    private static final String METRICS = "INSERT INTO bench_metrics (" + METRIC_COLUMNS + ") SELECT s.* FROM " + METRIC_SOURCE;

    /** The values of the arrays {@link #RUNS} binds after {@code imported_at}, in its column order. */
    private static final List<Function<StagedChunk.Row, Object>> RUN_VALUES = List.of(StagedChunk.Row::id,
            r -> r.measurement().runKey(), r -> r.measurement().runHash(), r -> r.measurement().source(),
            r -> r.measurement().benchmark(), r -> r.measurement().variant(), r -> r.measurement().iteration(),
            r -> r.measurement().commit(), r -> r.measurement().branch(),
            r -> r.measurement().ranAt() == null ? null : OffsetDateTime.ofInstant(r.measurement().ranAt(), ZoneOffset.UTC));
    /** The values of the arrays {@link #METRICS} binds, in {@link #METRIC_COLUMNS} order. */
    private static final List<Function<StagedChunk.Row, Object>> METRIC_VALUES = List.of(StagedChunk.Row::id, StagedChunk.Row::runId,
            r -> r.measurement().metric(), r -> r.measurement().value(), r -> r.measurement().unit(),
            r -> r.measurement().rawValue(), r -> r.measurement().rawUnit(), r -> r.measurement().conversion(),
            r -> r.measurement().rawFields(), r -> r.measurement().notes(), r -> r.measurement().line());

    private final Connection transaction;
    private final Timestamp importedAt;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "czar-bench-import-load");
        t.setDaemon(true);
        return t;
    });
    private Future<Integer> inFlight;
    private long inserted;

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
            inserted += inFlight.get();
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

    /** Stores one chunk; every row is new (the importer deduplicated them), so anything short of all is an error. */
    private int load(StagedChunk chunk) throws SQLException {
        int runCount = insert(RUNS, chunk.runs, RUN_VALUES, importedAt);
        int metricCount = insert(METRICS, chunk.metrics, METRIC_VALUES);
        if (runCount != chunk.runs.size() || metricCount != chunk.metrics.size()) {
            throw new SQLException("bulk load stored " + runCount + " runs and " + metricCount + " metrics, expected "
                    + chunk.runs.size() + " and " + chunk.metrics.size());
        }
        return metricCount;
    }

    /** Binds {@code leading} parameters, then one array per column of {@code rows}, and runs the insert. */
    private int insert(String sql, List<StagedChunk.Row> rows, List<Function<StagedChunk.Row, Object>> columns,
                       Object... leading) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = transaction.prepareStatement(sql)) {
            int parameter = 1;
            for (Object value : leading) {
                st.setObject(parameter++, value);
            }
            for (Function<StagedChunk.Row, Object> column : columns) {
                Object[] values = new Object[rows.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = column.apply(rows.get(i));
                }
                st.setObject(parameter++, values);
            }
            return st.executeUpdate();
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
