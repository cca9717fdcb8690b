package dev.czar.evidence.bench;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Loads staged chunks into the import's transaction on a thread of its own, one chunk at a time, so that the database
 * stores one chunk while the importer reads and validates the next (the two halves take about as long as each other).
 * How a chunk is stored is the database's own bulk path ({@link ChunkTables}).
 */
final class ChunkLoader implements AutoCloseable {
    private final ChunkTables tables;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "czar-bench-import-load");
        t.setDaemon(true);
        return t;
    });
    private Future<Integer> inFlight;
    private long inserted;

    ChunkLoader(ChunkTables tables) {
        this.tables = tables;
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
        int runCount = tables.runs(chunk.runs);
        int metricCount = tables.metrics(chunk.metrics);
        if (runCount != chunk.runs.size() || metricCount != chunk.metrics.size()) {
            throw new SQLException("bulk load stored " + runCount + " runs and " + metricCount + " metrics, expected "
                    + chunk.runs.size() + " and " + chunk.metrics.size());
        }
        return metricCount;
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
