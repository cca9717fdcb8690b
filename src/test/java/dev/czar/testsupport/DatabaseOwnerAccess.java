package dev.czar.testsupport;

import dev.czar.store.DatabaseCredentials;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * An owner (H2 admin) connection to a home's database, for tests and benchmarks that need what czar's own user
 * may not do (CHECKPOINT, CSVREAD). czar itself never uses one outside migrations.
 */
public final class DatabaseOwnerAccess {
    private DatabaseOwnerAccess() {
    }

    /** The JDBC URL czar uses for {@code home}, without its timeout. */
    public static String url(Path home) {
        return "jdbc:h2:file:" + home.toAbsolutePath().normalize().resolve("db").resolve("czar") + ";AUTO_SERVER=TRUE";
    }

    public static Connection connect(Path home) throws SQLException {
        DatabaseCredentials credentials = DatabaseCredentials.of(home.toAbsolutePath().normalize().resolve("db"));
        return DriverManager.getConnection(url(home), DatabaseCredentials.OWNER, credentials.ownerPassword());
    }
}
