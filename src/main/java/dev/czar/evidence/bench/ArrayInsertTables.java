package dev.czar.evidence.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.function.Function;

/**
 * H2's bulk path: each table loaded with one set-based {@code INSERT ... SELECT FROM UNNEST(...)}, every column bound
 * as one typed array, without a text round trip (row-by-row JDBC inserts ran at a fifth of its rate, and staging
 * through CSV files for {@code CSVREAD} spent half the loader's time writing and parsing text).
 */
final class ArrayInsertTables implements ChunkTables {
    private static final String METRIC_SOURCE = "UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS DOUBLE PRECISION ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS INTEGER ARRAY))"
            + " AS s(ID, RUN_ID, METRIC, V, UNIT, RAW_VALUE, RAW_UNIT, CONVERSION, RAW_FIELDS, NOTES, LINE)";
    private static final String RUNS = "INSERT INTO bench_runs (" + String.join(", ", RUN_COLUMNS) + ", imported_at)"
            + " SELECT s.*, ? FROM UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS UUID ARRAY),"
            + " CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS INTEGER ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE ARRAY)) AS s(ID, RUN_KEY, RUN_HASH, SOURCE, BENCHMARK, VARIANT, ITERATION,"
            + " COMMIT_SHA, BRANCH, RAN_AT)";
    private static final String METRICS = "INSERT INTO bench_metrics (" + String.join(", ", METRIC_COLUMNS) + ")"
            + " SELECT s.* FROM " + METRIC_SOURCE;

    private final Connection transaction;
    private final Timestamp importedAt;

    ArrayInsertTables(Connection transaction, Timestamp importedAt) {
        this.transaction = transaction;
        this.importedAt = importedAt;
    }

    @Override
    public int runs(List<StagedChunk.Row> rows) throws SQLException {
        return insert(RUNS, rows, RUN_VALUES, importedAt);
    }

    @Override
    public int metrics(List<StagedChunk.Row> rows) throws SQLException {
        return insert(METRICS, rows, METRIC_VALUES);
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
}
