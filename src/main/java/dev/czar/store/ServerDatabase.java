package dev.czar.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.czar.UserError;
import org.flywaydb.core.Flyway;

import java.sql.SQLException;

/**
 * Opens the PostgreSQL store (issue 23): a HikariCP pool over the server, migrated by Flyway through the same pool.
 * Unlike the H2 home there is one account, the one the operator gives in {@code CZAR_STORE_USER}: it owns the tables
 * it migrates, so the database should be czar's alone.
 */
final class ServerDatabase {
    /** Connections per czar process: the supervisor, the Slack and web threads, a bench import's two. */
    static final int POOL_SIZE = 10;

    private ServerDatabase() {
    }

    static Database open(String url, String user, String password) {
        SqlVendor vendor = SqlVendor.ofUrl(url);
        if (vendor != SqlVendor.POSTGRESQL) {
            throw new UserError("store.url must be a jdbc:postgresql:// URL (or left out for the H2 file database): " + url);
        }
        if (user == null || user.isBlank()) {
            throw new UserError("store.url names a PostgreSQL server: set its user and password in the environment"
                    + " (CZAR_STORE_USER, CZAR_STORE_PASSWORD)");
        }
        HikariDataSource pool = pool(url, user, password);
        try {
            Database.migrate(Flyway.configure().dataSource(pool), vendor, url);
            return new Database(pool, pool::close, vendor, url, null, true);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("czar-store");
        // a replica that cannot reach the server says so at start, not at its first query
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new UserError("cannot open the czar store " + url + ": " + reason(e), e);
        }
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return String.valueOf(sql.getMessage()).lines().findFirst().orElse("") + " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return String.valueOf(e.getMessage());
    }
}
