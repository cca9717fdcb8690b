package dev.czar.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The two databases czar runs on: the embedded H2 file under the home (the default) and a shared PostgreSQL server
 * (issue 23). Shared code uses standard SQL; what differs is named here, once: where each one's own migrations are
 * and how a batch of sequence values is drawn.
 */
public enum SqlVendor {
    H2("classpath:db/h2", "SELECT NEXT VALUE FOR %s FROM SYSTEM_RANGE(1, ?)"),
    POSTGRESQL("classpath:db/postgresql", "SELECT nextval('%s') FROM generate_series(1, ?)");

    /** Migrations both databases run; written in standard SQL. */
    static final String SHARED_MIGRATIONS = "classpath:db/migration";

    private final String ownMigrations;
    private final String nextValues;

    SqlVendor(String ownMigrations, String nextValues) {
        this.ownMigrations = ownMigrations;
        this.nextValues = nextValues;
    }

    /** The vendor a JDBC URL names; {@code null} for anything else. */
    public static SqlVendor ofUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        return url.startsWith("jdbc:postgresql:") ? POSTGRESQL : null;
    }

    /** The vendor behind an open connection (e.g. the one a Flyway migration runs on). */
    public static SqlVendor of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("postgres") ? POSTGRESQL : H2;
    }

    /** Flyway locations: the shared migrations, then the ones written for this vendor where SQL differs. */
    public List<String> migrationLocations() {
        return List.of(SHARED_MIGRATIONS, ownMigrations);
    }

    /** A query with one parameter, the count, that returns that many fresh values of {@code sequence}. */
    public String nextValues(String sequence) {
        return nextValues.formatted(sequence);
    }
}
