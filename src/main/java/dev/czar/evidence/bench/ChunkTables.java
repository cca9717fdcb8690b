package dev.czar.evidence.bench;

import dev.czar.store.SqlVendor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * How one staged chunk reaches the two benchmark tables inside the import's transaction: each database's own bulk
 * path (issue 23) — typed-array {@code INSERT ... SELECT FROM UNNEST} on H2 ({@link ArrayInsertTables}),
 * {@code COPY FROM STDIN} on PostgreSQL ({@link CopyInTables}). Both store every row or fail.
 */
interface ChunkTables {
    /** The columns of {@code bench_runs} after {@code id} and before {@code imported_at}, with their values. */
    List<String> RUN_COLUMNS = List.of("id", "run_key", "run_hash", "source", "benchmark", "variant", "iteration",
            "commit_sha", "branch", "ran_at");
    List<Function<StagedChunk.Row, Object>> RUN_VALUES = List.of(StagedChunk.Row::id,
            r -> r.measurement().runKey(), r -> r.measurement().runHash(), r -> r.measurement().source(),
            r -> r.measurement().benchmark(), r -> r.measurement().variant(), r -> r.measurement().iteration(),
            r -> r.measurement().commit(), r -> r.measurement().branch(),
            r -> r.measurement().ranAt() == null ? null : OffsetDateTime.ofInstant(r.measurement().ranAt(), ZoneOffset.UTC));
    List<String> METRIC_COLUMNS = List.of("id", "run_id", "metric", "metric_value", "unit", "raw_value", "raw_unit",
            "conversion", "raw_fields", "notes", "source_line");
    List<Function<StagedChunk.Row, Object>> METRIC_VALUES = List.of(StagedChunk.Row::id, StagedChunk.Row::runId,
            r -> r.measurement().metric(), r -> r.measurement().value(), r -> r.measurement().unit(),
            r -> r.measurement().rawValue(), r -> r.measurement().rawUnit(), r -> r.measurement().conversion(),
            r -> r.measurement().rawFields(), r -> r.measurement().notes(), r -> r.measurement().line());

    /** Stores new runs, each with {@code importedAt}; returns how many rows were stored. */
    int runs(List<StagedChunk.Row> rows) throws SQLException;

    /** Stores new metrics; returns how many rows were stored. */
    int metrics(List<StagedChunk.Row> rows) throws SQLException;

    static ChunkTables of(SqlVendor vendor, Connection transaction, Timestamp importedAt) {
        return vendor == SqlVendor.POSTGRESQL ? new CopyInTables(transaction, importedAt)
                : new ArrayInsertTables(transaction, importedAt);
    }
}
