package dev.czar.evidence.bench;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Read side of the benchmark store: latest results, history of a benchmark, and the rows recorded for a branch
 * or commit. Rows come back with their ids so that every answer can cite them.
 */
public final class BenchmarkStore {
    private static final String SELECT = "SELECT m.id, r.benchmark, r.variant, r.iteration, r.commit_sha, r.branch, r.ran_at,"
            + " m.metric, m.metric_value, m.unit, m.raw_value, m.raw_unit, r.source, m.source_line"
            + " FROM bench_runs r JOIN bench_metrics m ON " + MetricIds.METRICS_OF_RUN;
    /** Newest first: by run time where known, then by insertion order. */
    private static final String NEWEST_FIRST = " ORDER BY r.ran_at DESC NULLS LAST, m.id DESC";

    private final Database db;

    public BenchmarkStore(Database db) {
        this.db = db;
    }

    /** Distinct benchmark names, alphabetically. */
    public List<String> benchmarks() {
        return strings("SELECT DISTINCT benchmark FROM bench_runs ORDER BY benchmark");
    }

    /** Distinct branch names that have results. */
    public List<String> branches() {
        return strings("SELECT DISTINCT branch FROM bench_runs WHERE branch IS NOT NULL ORDER BY branch");
    }

    /** The newest row of every series (benchmark, variant, metric). */
    public List<BenchRow> latest() {
        return query("SELECT * FROM (" + SELECT.replace("SELECT m.id", "SELECT ROW_NUMBER() OVER (PARTITION BY r.benchmark,"
                + " COALESCE(r.variant, ''), m.metric ORDER BY r.ran_at DESC NULLS LAST, m.id DESC) AS rn, m.id")
                + ") WHERE rn = 1 ORDER BY benchmark, variant NULLS FIRST, metric", List.of(), 1);
    }

    /** Rows of one benchmark, newest first, optionally only on one branch. */
    public List<BenchRow> history(String benchmark, String branch, int limit) {
        List<Object> args = new ArrayList<>(List.of(benchmark));
        String where = " WHERE r.benchmark = ?";
        if (branch != null) {
            where += " AND r.branch = ?";
            args.add(branch);
        }
        args.add(limit);
        return query(SELECT + where + NEWEST_FIRST + " LIMIT ?", args, 0);
    }

    /** Rows recorded on a branch, newest first, optionally for one benchmark. */
    public List<BenchRow> onBranch(String branch, String benchmark) {
        return filtered("r.branch = ?", branch, benchmark);
    }

    /** Rows recorded for commits starting with {@code shaPrefix}, optionally for one benchmark. */
    public List<BenchRow> atCommit(String shaPrefix, String benchmark) {
        return filtered("r.commit_sha LIKE ?", shaPrefix.toLowerCase(Locale.ROOT) + "%", benchmark);
    }

    public Optional<BenchRow> row(long id) {
        return query(SELECT + " WHERE m.id = ? AND r.id = ?", List.of(id, MetricIds.runOf(id)), 0).stream().findFirst();
    }

    /** Number of stored metric rows. */
    public long count() {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM bench_metrics");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting benchmark rows", e);
        }
    }

    private List<BenchRow> filtered(String condition, String value, String benchmark) {
        List<Object> args = new ArrayList<>(List.of(value));
        String where = " WHERE " + condition;
        if (benchmark != null) {
            where += " AND r.benchmark = ?";
            args.add(benchmark);
        }
        return query(SELECT + where + NEWEST_FIRST, args, 0);
    }

    private List<String> strings(String sql) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("listing benchmark names", e);
        }
    }

    private List<BenchRow> query(String sql, List<Object> args, int skipColumns) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            List<BenchRow> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int k = skipColumns;
                    Timestamp ranAt = rs.getTimestamp(k + 7);
                    Integer iteration = rs.getInt(k + 4);
                    if (rs.wasNull()) {
                        iteration = null;
                    }
                    rows.add(new BenchRow(rs.getLong(k + 1), rs.getString(k + 2), rs.getString(k + 3),
                            iteration, rs.getString(k + 5), rs.getString(k + 6),
                            ranAt == null ? null : ranAt.toInstant(), rs.getString(k + 8), rs.getDouble(k + 9),
                            rs.getString(k + 10), rs.getString(k + 11), rs.getString(k + 12), rs.getString(k + 13),
                            rs.getInt(k + 14)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("querying benchmark rows", e);
        }
    }
}
