package dev.czar.store;

import org.h2.api.ErrorCode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The owner's side of opening: its connection (moving old homes onto a password) and czar's user's rights. */
final class DatabaseOwner {
    private DatabaseOwner() {
    }

    /**
     * Connects as the owner. A home created before issue 18 has the owner with an empty password: it is opened that
     * way once and given the home's password, so nobody notices the move.
     */
    static Connection connect(String url, DatabaseCredentials credentials) throws SQLException {
        try {
            return DriverManager.getConnection(url, DatabaseCredentials.OWNER, credentials.ownerPassword());
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw e;
            }
            Connection old = connectWithEmptyPassword(url, e);
            try (Statement st = old.createStatement()) {
                st.execute("ALTER USER " + DatabaseCredentials.OWNER + " SET PASSWORD '" + credentials.ownerPassword() + "'");
            } catch (SQLException failed) {
                old.close();
                throw failed;
            }
            return old;
        }
    }

    private static Connection connectWithEmptyPassword(String url, SQLException refused) throws SQLException {
        try {
            return DriverManager.getConnection(url, DatabaseCredentials.OWNER, "");
        } catch (SQLException stillRefused) {
            throw refused; // the home's credential is not this database's: say so, not "empty password refused"
        }
    }

    /** Creates czar's own user if missing, sets its password and gives it data rights on the schema, nothing more. */
    static void grantDataRights(Connection owner, DatabaseCredentials credentials) throws SQLException {
        try (Statement st = owner.createStatement()) {
            st.execute("CREATE USER IF NOT EXISTS " + DatabaseCredentials.APP + " PASSWORD '" + credentials.appPassword() + "'");
            st.execute("ALTER USER " + DatabaseCredentials.APP + " SET PASSWORD '" + credentials.appPassword() + "'");
            st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + DatabaseCredentials.APP);
        }
    }
}
