package dev.czar.store;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Refuses UPDATE and DELETE on the audit log (and DELETE of its chain head): rows are only ever appended. A database
 * admin can still drop the trigger; the hash chain is what makes such a rewrite visible.
 */
public final class AppendOnlyTrigger implements Trigger {
    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(table + " is append-only: rows cannot be changed or deleted", "42000");
    }
}
