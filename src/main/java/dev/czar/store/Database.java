package dev.czar.store;

import dev.czar.UserError;
import dev.czar.evidence.bench.TimeOrderedRunKeysMigration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The embedded H2 database under the home dir, migrated by Flyway on open. One per process; feature stores
 * borrow connections from it. Several czar processes may share one home (e.g. {@code czar supervise} and
 * {@code czar launch}): the file database runs in H2's mixed mode ({@code AUTO_SERVER}), where the first process
 * serves the others over a TCP socket bound to loopback only.
 */
public final class Database implements AutoCloseable {
    static {
        // H2 reads this once; without it the AUTO_SERVER socket would listen on every interface
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final JdbcConnectionPool pool;
    private final boolean shared;

    private Database(JdbcConnectionPool pool, boolean shared) {
        this.pool = pool;
        this.shared = shared;
    }

    /**
     * Opens (creating if needed) {@code <home>/db/czar.mv.db} and applies pending migrations.
     *
     * @throws UserError when another czar process holds the database, or it cannot be created
     */
    public static Database open(Path home) {
        Path file = home.toAbsolutePath().normalize().resolve("db").resolve("czar");
        createParent(file);
        // AUTO_SERVER cannot be combined with DB_CLOSE_ON_EXIT=FALSE: H2 closes the file on JVM exit itself
        String url = "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE";
        return open(url);
    }

    /** Opens any H2 URL (tests use {@code jdbc:h2:mem:...}) and applies pending migrations. */
    public static Database open(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "czar", "");
        pool.setMaxConnections(16);
        try (Connection probe = pool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            pool.dispose();
            throw translate(url, e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .javaMigrations(new TimeOrderedRunKeysMigration(), new AuditChainMigration()).load().migrate();
        } catch (FlywayException e) {
            pool.dispose();
            throw new UserError("cannot migrate the czar database (" + url + "): " + e.getMessage(), e);
        }
        return new Database(pool, url.contains("AUTO_SERVER=TRUE"));
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        if (shared) {
            // SHUTDOWN would close the database under other czar processes connected through this one;
            // H2 closes it when the last connection goes
            pool.dispose();
            return;
        }
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed; nothing left to flush
        }
        pool.dispose();
    }

    static void createParent(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new UserError("cannot create state directory " + file.getParent() + ": " + e.getMessage()
                    + " (pick another with --home)", e);
        }
    }

    private static UserError translate(String url, SQLException e) {
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new UserError("the czar state in " + url + " is in use by another czar process"
                    + " (stop it, or pick another state dir with --home)", e);
        }
        return new UserError("cannot open the czar database (" + url + "): " + e.getMessage().lines().findFirst().orElse(""), e);
    }
}
