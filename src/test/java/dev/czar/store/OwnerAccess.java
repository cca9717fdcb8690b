package dev.czar.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Test access to a database as its owner (H2 admin): what an attacker who stole the credential could do. */
public final class OwnerAccess {
    private OwnerAccess() {
    }

    public static Connection connect(Database db) throws SQLException {
        return db.ownerConnection();
    }
}
