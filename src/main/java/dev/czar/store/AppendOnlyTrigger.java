package dev.czar.store;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses UPDATE and DELETE on the audit log (and DELETE of its chain head): rows are only ever appended. A database
 * admin can still drop the trigger; the hash chain is what makes such a rewrite visible. On H2 this class is the
 * trigger; on PostgreSQL a PL/pgSQL function does the same ({@link #createOnPostgresql}).
 */
public final class AppendOnlyTrigger implements Trigger {
    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    /** The PostgreSQL form: one trigger function, also refusing TRUNCATE, which skips row triggers there. */
    static void createOnPostgresql(Statement st) throws SQLException {
        st.execute("CREATE FUNCTION czar_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION '% is append-only: rows cannot be changed or deleted', TG_TABLE_NAME"
                + " USING ERRCODE = '42000'; END $$");
        st.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log"
                + " FOR EACH ROW EXECUTE FUNCTION czar_append_only()");
        st.execute("CREATE TRIGGER audit_log_not_truncated BEFORE TRUNCATE ON audit_log"
                + " FOR EACH STATEMENT EXECUTE FUNCTION czar_append_only()");
        st.execute("CREATE TRIGGER audit_chain_head_kept BEFORE DELETE ON audit_chain_head"
                + " FOR EACH ROW EXECUTE FUNCTION czar_append_only()");
        st.execute("CREATE TRIGGER audit_chain_head_not_truncated BEFORE TRUNCATE ON audit_chain_head"
                + " FOR EACH STATEMENT EXECUTE FUNCTION czar_append_only()");
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(table + " is append-only: rows cannot be changed or deleted", "42000");
    }
}
