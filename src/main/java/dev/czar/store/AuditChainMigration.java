package dev.czar.store;

import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * Flyway V130: chains the audit log. Adds each row's previous and own hash, hashes the rows already there in id
 * order from the genesis, keeps the chain head in a one-row table (locked by every append), and makes the table
 * append-only. A Java migration so that stored hashes are computed by the very code that verifies them.
 */
public final class AuditChainMigration extends CodedMigration {
    private static final int BATCH = 1000;

    public AuditChainMigration() {
        super("130", "audit log hash chain");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            // nullable: a row written behind czar's back has no hash, and verification names it
            st.execute("ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64)");
            st.execute("ALTER TABLE audit_log ADD COLUMN row_hash VARCHAR(64)");
            st.execute("CREATE TABLE audit_chain_head (id INT PRIMARY KEY CHECK (id = 1), last_id BIGINT NOT NULL,"
                    + " last_hash VARCHAR(64) NOT NULL, row_count BIGINT NOT NULL)");
            Head head = chainExisting(c);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audit_chain_head (id, last_id, last_hash, row_count) VALUES (1, ?, ?, ?)")) {
                insert.setLong(1, head.lastId());
                insert.setString(2, head.lastHash());
                insert.setLong(3, head.rows());
                insert.executeUpdate();
            }
            if (SqlVendor.of(c) == SqlVendor.POSTGRESQL) {
                AppendOnlyTrigger.createOnPostgresql(st);
            } else {
                String trigger = AppendOnlyTrigger.class.getName();
                st.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE, DELETE ON audit_log FOR EACH ROW CALL '"
                        + trigger + "'");
                st.execute("CREATE TRIGGER audit_chain_head_kept BEFORE DELETE ON audit_chain_head FOR EACH ROW CALL '"
                        + trigger + "'");
            }
        }
    }

    private record Head(long lastId, String lastHash, long rows) {
    }

    private static Head chainExisting(Connection c) throws SQLException {
        AuditChain chain = new AuditChain();
        String previous = AuditChain.GENESIS;
        long lastId = 0;
        long rows = 0;
        try (Statement read = c.createStatement();
             ResultSet rs = read.executeQuery("SELECT id, at, user_id, channel, command, arguments, outcome, detail"
                     + " FROM audit_log ORDER BY id");
             PreparedStatement update = c.prepareStatement("UPDATE audit_log SET prev_hash = ?, row_hash = ? WHERE id = ?")) {
            int pending = 0;
            while (rs.next()) {
                AuditChain.Fields row = new AuditChain.Fields(rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                String hash = chain.hash(previous, row);
                update.setString(1, previous);
                update.setString(2, hash);
                update.setLong(3, rs.getLong(1));
                update.addBatch();
                if (++pending == BATCH) {
                    update.executeBatch();
                    pending = 0;
                }
                previous = hash;
                lastId = rs.getLong(1);
                rows++;
            }
            update.executeBatch();
        }
        return new Head(lastId, previous, rows);
    }
}
