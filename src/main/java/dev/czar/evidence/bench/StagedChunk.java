package dev.czar.evidence.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one chunk of an import, held in memory until the {@link ChunkLoader} stores them: runs new to the
 * store, and metrics (of those runs or of runs already stored), every row with its id drawn already. The loader
 * binds each column as one SQL array, so a chunk never holds more rows of one kind than H2's largest array
 * ({@link #MAX_ROWS}).
 */
final class StagedChunk {
    /** H2's maximum array cardinality. */
    static final int MAX_ROWS = 65_536;

    /** A row to store: its id (a run's id, or a metric's, see {@link MetricIds}) and the id of its run. */
    record Row(long id, long runId, Measurement measurement) {
    }

    final List<Row> runs = new ArrayList<>();
    final List<Row> metrics = new ArrayList<>();

    int rows() {
        return runs.size() + metrics.size();
    }
}
