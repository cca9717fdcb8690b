package dev.czar.evidence.bench;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * PostgreSQL's bulk path (issue 23): each table loaded with one {@code COPY ... FROM STDIN (FORMAT csv)} through
 * pgjdbc's CopyManager, on the import's own connection, so the rows commit or roll back with the import. In CSV an
 * unquoted empty field is NULL and every text value is quoted, so an empty string stays an empty string.
 */
final class CopyInTables implements ChunkTables {
    private final Connection transaction;
    private final String importedAt;

    CopyInTables(Connection transaction, Timestamp importedAt) {
        this.transaction = transaction;
        this.importedAt = OffsetDateTime.ofInstant(importedAt.toInstant(), ZoneOffset.UTC).toString();
    }

    @Override
    public int runs(List<StagedChunk.Row> rows) throws SQLException {
        return copy("bench_runs (" + String.join(", ", RUN_COLUMNS) + ", imported_at)", rows, RUN_VALUES, importedAt);
    }

    @Override
    public int metrics(List<StagedChunk.Row> rows) throws SQLException {
        return copy("bench_metrics (" + String.join(", ", METRIC_COLUMNS) + ")", rows, METRIC_VALUES, null);
    }

    private int copy(String target, List<StagedChunk.Row> rows, List<Function<StagedChunk.Row, Object>> columns,
                     String trailing) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        StringBuilder csv = new StringBuilder(rows.size() * 160);
        for (StagedChunk.Row row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                field(csv, columns.get(i).apply(row));
            }
            if (trailing != null) {
                csv.append(',').append(trailing);
            }
            csv.append('\n');
        }
        try {
            long stored = transaction.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + target + " FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
            return Math.toIntExact(stored);
        } catch (IOException e) {
            throw new SQLException("streaming rows to COPY failed", e);
        }
    }

    private static void field(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            csv.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            csv.append(value); // numbers, UUIDs and ISO-8601 timestamps need no quoting
        }
    }
}
