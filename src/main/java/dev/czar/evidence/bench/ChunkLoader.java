package dev.czar.evidence.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Loads staged chunks into the import's transaction on a thread of its own, one chunk at a time, so that H2 stores
 * one chunk while the importer reads and validates the next (the two halves take about as long as each other).
 * Each table is loaded with one set-based {@code INSERT ... SELECT FROM CSVREAD}: H2's bulk path, where row-by-row
 * JDBC inserts ran at a fifth of its rate.
 */
final class ChunkLoader implements AutoCloseable {
    private static final String METRIC_COLUMNS = "run_id, metric, metric_value, unit, raw_value, raw_unit, conversion,"
            + " raw_fields, notes, source_line";
    private static final String METRIC_VALUES = "CAST(s.RUN_ID AS BIGINT), s.METRIC, CAST(s.V AS DOUBLE PRECISION), s.UNIT,"
            + " s.RAW_VALUE, s.RAW_UNIT, s.CONVERSION, s.RAW_FIELDS, s.NOTES, CAST(s.LINE AS INT)";

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
    void submit(ImportStaging.Chunk chunk) throws SQLException {
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

    private Loaded load(ImportStaging.Chunk chunk) throws SQLException, IOException {
        try (PreparedStatement runs = transaction.prepareStatement("INSERT INTO bench_runs (id, run_key, run_hash, source,"
                + " benchmark, variant, iteration, commit_sha, branch, ran_at, imported_at) SELECT CAST(ID AS BIGINT),"
                + " CAST(LEFT(RUN_HASH, 32) AS UUID), RUN_HASH, SOURCE, BENCHMARK, VARIANT, CAST(ITERATION AS INT), COMMIT_SHA,"
                + " BRANCH, CAST(RAN_AT AS TIMESTAMP WITH TIME ZONE), ? FROM " + chunk.csvread("runs"));
             PreparedStatement metrics = transaction.prepareStatement("INSERT INTO bench_metrics (" + METRIC_COLUMNS + ")"
                     + " SELECT " + METRIC_VALUES + " FROM " + chunk.csvread("metrics") + " s");
             // a metric of a run stored before this import may be stored already: the update count tells
             PreparedStatement known = transaction.prepareStatement("INSERT INTO bench_metrics (" + METRIC_COLUMNS + ")"
                     + " SELECT " + METRIC_VALUES + " FROM " + chunk.csvread("known") + " s WHERE NOT EXISTS (SELECT 1"
                     + " FROM bench_metrics m WHERE m.run_id = CAST(s.RUN_ID AS BIGINT) AND m.metric = s.METRIC)")) {
            runs.setTimestamp(1, importedAt);
            int runCount = chunk.runCount == 0 ? 0 : runs.executeUpdate();
            int metricCount = chunk.metricCount == 0 ? 0 : metrics.executeUpdate();
            if (runCount != chunk.runCount || metricCount != chunk.metricCount) {
                throw new SQLException("bulk load stored " + runCount + " runs and " + metricCount + " metrics, expected "
                        + chunk.runCount + " and " + chunk.metricCount);
            }
            int knownCount = chunk.knownCount == 0 ? 0 : known.executeUpdate();
            return new Loaded(metricCount + knownCount, chunk.knownCount - knownCount);
        } finally {
            chunk.delete();
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
