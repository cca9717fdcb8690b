package dev.czar.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * Walks the audit log's hash chain in id order and reports the first link that does not hold: a row whose fields
 * no longer match its hash (rewritten), a row that does not chain from the one before it (a row deleted or inserted
 * between them), a row without a hash (written behind czar's back), or a chain head that disagrees with the last
 * row (rows deleted at the end). Reads one snapshot, so appends running meanwhile do not look like tampering.
 */
public final class AuditVerifier {
    private final Database db;

    public AuditVerifier(Database db) {
        this.db = db;
    }

    public AuditVerification verify() {
        try (Connection c = db.connection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return walk(c);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("verifying the audit log", e);
        }
    }

    private record Head(long lastId, String lastHash, long rows) {
    }

    private static AuditVerification walk(Connection c) throws SQLException {
        Head head = head(c);
        AuditChain chain = new AuditChain();
        String previous = AuditChain.GENESIS;
        long previousId = 0;
        long rows = 0;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery("SELECT id, at, user_id, channel, command, arguments, outcome, detail,"
                    + " prev_hash, row_hash FROM audit_log ORDER BY id")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    AuditChain.Fields row = new AuditChain.Fields(rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8));
                    String storedPrevious = rs.getString(9);
                    String storedHash = rs.getString(10);
                    String problem = link(chain, row, previous, previousId, storedPrevious, storedHash);
                    if (problem != null) {
                        return AuditVerification.broken(rows, previous, id, problem);
                    }
                    previous = storedHash;
                    previousId = id;
                    rows++;
                }
            }
        }
        if (head == null) {
            return AuditVerification.broken(rows, previous, previousId, "the chain head row is missing");
        }
        if (head.lastId() != previousId || !head.lastHash().equals(previous) || head.rows() != rows) {
            return AuditVerification.broken(rows, previous, head.lastId(), "the chain head records " + head.rows()
                    + " rows ending at row " + head.lastId() + ", the log has " + rows + " rows ending at row " + previousId
                    + " (rows at the end were deleted)");
        }
        return AuditVerification.intact(rows, previous);
    }

    /** What is wrong with one row's link, or {@code null} when it holds. */
    private static String link(AuditChain chain, AuditChain.Fields row, String previous, long previousId,
                               String storedPrevious, String storedHash) {
        if (storedHash == null || storedPrevious == null) {
            return "the row has no hash (written behind czar's back)";
        }
        if (!chain.hash(storedPrevious, row).equals(storedHash)) {
            return "its fields (time, user, channel, command, arguments, outcome, detail) do not match its hash"
                    + " (rewritten after it was written)";
        }
        if (!storedPrevious.equals(previous)) {
            return previousId == 0
                    ? "the first row does not chain from the genesis (rows before it were deleted)"
                    : "it does not chain from row " + previousId + " (a row between them was deleted or inserted)";
        }
        return null;
    }

    private static Head head(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT last_id, last_hash, row_count FROM audit_chain_head WHERE id = 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2), rs.getLong(3)) : null;
        }
    }
}
