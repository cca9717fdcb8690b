package dev.czar.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes one row by its key: updates it if it is there, inserts it if not. Standard SQL for both H2 and PostgreSQL
 * (issue 23 replaced H2's {@code MERGE ... KEY}); when another process inserts the same key between the two
 * statements, the insert's duplicate-key error (SQLState {@value #DUPLICATE_KEY}) makes it update that row instead.
 * Runs on an auto-commit connection, so a refused insert does not abort a surrounding transaction.
 */
public final class Upsert {
    /** SQLState of a unique or primary key violation, the same on H2 and PostgreSQL. */
    public static final String DUPLICATE_KEY = "23505";

    private final String table;
    private final Map<String, Object> key = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Upsert(String table) {
        this.table = table;
    }

    public static Upsert into(String table) {
        return new Upsert(table);
    }

    /** A column of the row's key (primary key or a unique constraint). */
    public Upsert key(String column, Object value) {
        key.put(column, value);
        return this;
    }

    /** A column written on insert and on update. */
    public Upsert set(String column, Object value) {
        values.put(column, value);
        return this;
    }

    /** Whether {@code e} is a unique or primary key violation. */
    public static boolean isDuplicateKey(SQLException e) {
        return DUPLICATE_KEY.equals(e.getSQLState());
    }

    public void write(Connection c) throws SQLException {
        if (update(c) > 0) {
            return;
        }
        try {
            insert(c);
        } catch (SQLException e) {
            if (!isDuplicateKey(e) || update(c) == 0) {
                throw e;
            }
        }
    }

    private int update(Connection c) throws SQLException {
        String sql = "UPDATE " + table + " SET " + assignments(values) + " WHERE "
                + key.keySet().stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
        List<Object> bound = new ArrayList<>(values.values());
        bound.addAll(key.values());
        return run(c, sql, bound);
    }

    private void insert(Connection c) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>(key);
        row.putAll(values);
        String sql = "INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                + row.keySet().stream().map(k -> "?").collect(Collectors.joining(", ")) + ")";
        run(c, sql, new ArrayList<>(row.values()));
    }

    private static String assignments(Map<String, Object> columns) {
        return columns.keySet().stream().map(k -> k + " = ?").collect(Collectors.joining(", "));
    }

    private static int run(Connection c, String sql, List<Object> bound) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < bound.size(); i++) {
                st.setObject(i + 1, bound.get(i));
            }
            return st.executeUpdate();
        }
    }
}
