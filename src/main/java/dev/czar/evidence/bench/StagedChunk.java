package dev.czar.evidence.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one chunk of an import, held in memory until the {@link ChunkLoader} stores them: runs new to the
 * store, metrics of those runs, and metrics of runs already stored ("known", loaded with a check against the store).
 * The loader binds each column as one SQL array, so a chunk never holds more rows of one kind than H2's largest
 * array ({@link #MAX_ROWS}).
 */
final class StagedChunk {
    /** H2's maximum array cardinality. */
    static final int MAX_ROWS = 65_536;

    /** A row with the id of its run: the run's own id for a run, the id of the run it belongs to for a metric. */
    record Row(long runId, Measurement measurement) {
    }

    final List<Row> runs = new ArrayList<>();
    final List<Row> metrics = new ArrayList<>();
    final List<Row> known = new ArrayList<>();

    int rows() {
        return runs.size() + metrics.size() + known.size();
    }
}
