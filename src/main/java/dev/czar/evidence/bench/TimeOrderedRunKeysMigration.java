package dev.czar.evidence.bench;

import dev.czar.store.CodedMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * Flyway V110: re-keys stored runs with {@link RunKey} (timestamp first, then hash bits) instead of the first 128
 * bits of their hash (V100). A Java migration so that stored keys are computed by the very code that computes the
 * keys of imported records: a key that differed by one bit would make a re-import store its runs a second time.
 */
public final class TimeOrderedRunKeysMigration extends CodedMigration {
    private static final int BATCH = 1000;

    public TimeOrderedRunKeysMigration() {
        super("110", "bench run keys ordered by time");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            // keys are rewritten in place: without the constraint, a new key may briefly equal another row's old one
            st.execute("ALTER TABLE bench_runs DROP CONSTRAINT uq_bench_run_key");
            rekey(c);
            st.execute("ALTER TABLE bench_runs ADD CONSTRAINT uq_bench_run_key UNIQUE (run_key)");
            // an import draws one id per new run: a larger cache writes the sequence's state less often (a crash
            // skips at most this many ids, which only have to be unique)
            st.execute("ALTER SEQUENCE bench_run_ids CACHE 1000");
        }
    }

    private static void rekey(Connection c) throws SQLException {
        try (Statement read = c.createStatement();
             ResultSet runs = read.executeQuery("SELECT id, run_hash, ran_at FROM bench_runs");
             PreparedStatement update = c.prepareStatement("UPDATE bench_runs SET run_key = ? WHERE id = ?")) {
            int pending = 0;
            while (runs.next()) {
                OffsetDateTime ranAt = runs.getObject(3, OffsetDateTime.class);
                update.setObject(1, RunKey.of(runs.getString(2), ranAt == null ? null : ranAt.toInstant()));
                update.setLong(2, runs.getLong(1));
                update.addBatch();
                if (++pending == BATCH) {
                    update.executeBatch();
                    pending = 0;
                }
            }
            update.executeBatch();
        }
    }
}
