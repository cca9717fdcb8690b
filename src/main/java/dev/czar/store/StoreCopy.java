package dev.czar.store;

import dev.czar.UserError;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code czar store migrate --from-h2 HOME} (issue 23): copies every table of a home's H2 database into the PostgreSQL
 * store, ids included, in one transaction, then checks row counts and the audit chain there. Both are migrated to the
 * same schema version first (each by opening it). Idempotent: a table whose rows are already all there is left as it
 * is; a table that holds other rows is refused, so two different homes are never merged into one store.
 */
public final class StoreCopy {
    private static final int BATCH = 1000;
    /** The one row V130 creates in every new database; copied by updating it, since it may not be deleted. */
    private static final String CHAIN_HEAD = "audit_chain_head";

    private StoreCopy() {
    }

    /** What one table held and what the copy did with it. */
    public record TableCopy(String table, long sourceRows, long copied, boolean alreadyThere) {
    }

    /** The tables copied, the audit chain as verified in the target afterwards. */
    public record Result(List<TableCopy> tables, AuditVerification audit) {
        public long copiedRows() {
            return tables.stream().mapToLong(TableCopy::copied).sum();
        }
    }

    public static Result copy(Database from, Database to) {
        if (from.vendor() != SqlVendor.H2 || to.vendor() != SqlVendor.POSTGRESQL) {
            throw new IllegalArgumentException("copies an H2 database into a PostgreSQL one");
        }
        List<TableCopy> done = new ArrayList<>();
        try (Connection source = from.connection(); Connection target = to.connection()) {
            target.setAutoCommit(false);
            try {
                for (String table : parentsFirst(target, tables(source))) {
                    done.add(copyTable(source, target, table));
                }
                resetSequences(target);
                target.commit();
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            } finally {
                target.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("copying the H2 state into PostgreSQL", e);
        }
        AuditVerification source = new AuditVerifier(from).verify();
        AuditVerification copied = new AuditVerifier(to).verify();
        if (copied.rows() != source.rows() || !copied.intact() || !copied.head().equals(source.head())) {
            throw new UserError("the copied audit log does not verify like the H2 one (" + source.line() + " / "
                    + copied.line() + ")");
        }
        return new Result(done, copied);
    }

    private static List<String> tables(Connection source) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = source.getMetaData().getTables(null, "PUBLIC", "%", new String[]{"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals("flyway_schema_history")) {
                    tables.add(name);
                }
            }
        }
        Collections.sort(tables);
        return tables;
    }

    /** Orders tables so that each comes after the tables its foreign keys point at (PostgreSQL checks each insert). */
    private static List<String> parentsFirst(Connection target, List<String> tables) throws SQLException {
        DatabaseMetaData meta = target.getMetaData();
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String table : tables) {
            Set<String> of = new LinkedHashSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, null, table)) {
                while (rs.next()) {
                    of.add(rs.getString("PKTABLE_NAME"));
                }
            }
            of.remove(table);
            parents.put(table, of);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < tables.size()) {
            int before = ordered.size();
            for (String table : tables) {
                if (!ordered.contains(table) && ordered.containsAll(parents.get(table))) {
                    ordered.add(table);
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("foreign keys form a cycle among " + tables);
            }
        }
        return ordered;
    }

    private static TableCopy copyTable(Connection source, Connection target, String table) throws SQLException {
        long sourceRows = count(source, table);
        long targetRows = count(target, table);
        if (table.equals(CHAIN_HEAD)) {
            return copyChainHead(source, target, sourceRows);
        }
        if (targetRows == sourceRows && sourceRows > 0 || sourceRows == 0 && targetRows == 0) {
            return new TableCopy(table, sourceRows, 0, sourceRows > 0);
        }
        if (targetRows != 0) {
            throw new UserError("table " + table + " in the PostgreSQL store already holds " + targetRows
                    + " rows and the H2 home " + sourceRows + ": migrate into an empty database");
        }
        try (Statement read = source.createStatement(); ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                names.add(columns.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
            long copied = 0;
            try (PreparedStatement write = target.prepareStatement(insert)) {
                while (rs.next()) {
                    for (int i = 1; i <= names.size(); i++) {
                        write.setObject(i, value(rs, i, columns.getColumnType(i)));
                    }
                    write.addBatch();
                    if (++copied % BATCH == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
            return new TableCopy(table, sourceRows, copied, false);
        }
    }

    /** Text (H2's CLOBs included) as strings; everything else as the driver's own Java type (UUID, OffsetDateTime, ...). */
    private static Object value(ResultSet rs, int column, int type) throws SQLException {
        return switch (type) {
            case Types.CLOB, Types.NCLOB, Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.CHAR -> rs.getString(column);
            default -> rs.getObject(column);
        };
    }

    private static TableCopy copyChainHead(Connection source, Connection target, long sourceRows) throws SQLException {
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("SELECT last_id, last_hash, row_count FROM audit_chain_head WHERE id = 1");
             PreparedStatement write = target.prepareStatement(
                     "UPDATE audit_chain_head SET last_id = ?, last_hash = ?, row_count = ? WHERE id = 1"
                             + " AND (last_id <> ? OR last_hash <> ? OR row_count <> ?)")) {
            if (!rs.next()) {
                return new TableCopy(CHAIN_HEAD, sourceRows, 0, false);
            }
            for (int offset : new int[]{0, 3}) {
                write.setLong(1 + offset, rs.getLong(1));
                write.setString(2 + offset, rs.getString(2));
                write.setLong(3 + offset, rs.getLong(3));
            }
            int changed = write.executeUpdate();
            return new TableCopy(CHAIN_HEAD, sourceRows, changed, changed == 0);
        }
    }

    /** Identity columns and the run-id sequence continue after the copied ids. */
    private static void resetSequences(Connection target) throws SQLException {
        List<String> identities = new ArrayList<>();
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND is_identity = 'YES'")) {
            while (rs.next()) {
                identities.add("SELECT setval(pg_get_serial_sequence('" + rs.getString(1) + "', '" + rs.getString(2)
                        + "'), COALESCE(MAX(" + rs.getString(2) + "), 0) + 1, false) FROM " + rs.getString(1));
            }
        }
        identities.add("SELECT setval('bench_run_ids', COALESCE(MAX(id), 0) + 1, false) FROM bench_runs");
        try (Statement st = target.createStatement()) {
            for (String reset : identities) {
                st.execute(reset);
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
