package dev.czar.store;

import dev.czar.UserError;
import dev.czar.evidence.bench.TimeOrderedRunKeysMigration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The embedded H2 database under the home dir, migrated by Flyway on open. One per process; feature stores
 * borrow connections from it. Several czar processes may share one home (e.g. {@code czar supervise} and
 * {@code czar launch}): the file database runs in H2's mixed mode ({@code AUTO_SERVER}), where the first process
 * serves the others over a TCP socket bound to loopback only.
 *
 * <p>Issue 18: that socket is reachable by every local account, so the database is guarded by a random per-home
 * credential ({@link DatabaseCredentials}) in the owner-only {@code db/} directory, and czar's own connections use
 * a user without admin rights: H2's file functions ({@code FILE_READ}, {@code CSVREAD}, ...) and {@code CREATE
 * ALIAS} are refused to them. Only the migration step, in the process that opens, connects as the owner.
 */
public final class Database implements AutoCloseable {
    /** How long a czar process waits on another one that hosts the shared database before giving up. */
    public static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(30);

    static {
        // H2 reads this once; without it the AUTO_SERVER socket would listen on every interface
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final DataSource pool;
    private final Runnable closePool;
    private final SqlVendor vendor;
    private final String url;
    private final DatabaseCredentials credentials;
    private final boolean shared;

    private Database(JdbcConnectionPool pool, String url, DatabaseCredentials credentials, boolean shared) {
        this(pool, pool::dispose, SqlVendor.H2, url, credentials, shared);
    }

    /** A database on a server (PostgreSQL): nothing to shut down but the pool; {@code credentials} is null. */
    Database(DataSource pool, Runnable closePool, SqlVendor vendor, String url, DatabaseCredentials credentials,
             boolean shared) {
        this.pool = pool;
        this.closePool = closePool;
        this.vendor = vendor;
        this.url = url;
        this.credentials = credentials;
        this.shared = shared;
    }

    /**
     * Opens the PostgreSQL database at {@code url} (issue 23) as {@code user} and applies pending migrations: the
     * store several czar processes share. The home still holds logs and worktrees, not the state.
     *
     * @throws UserError when the server refuses the connection or the migration
     */
    public static Database openServer(String url, String user, String password) {
        return ServerDatabase.open(url, user, password);
    }

    /**
     * Opens (creating if needed) {@code <home>/db/czar.mv.db} and applies pending migrations.
     *
     * @throws UserError when the database is missing or damaged under a used home, when another czar process
     *                   holds it or does not answer, or when it cannot be created
     */
    public static Database open(Path home) {
        return open(home, DEFAULT_NETWORK_TIMEOUT);
    }

    /** As {@link #open(Path)}, but only a home that has a database already: nothing is created (a copy's source). */
    public static Database openExisting(Path home) {
        Path file = home.toAbsolutePath().normalize().resolve("db").resolve("czar.mv.db");
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UserError("no czar database under " + home + " (expected " + file + ")");
        }
        return open(home);
    }

    /** As {@link #open(Path)}, waiting at most {@code networkTimeout} for a czar process that hosts the database. */
    public static Database open(Path home, Duration networkTimeout) {
        DatabaseHome files = DatabaseHome.of(home);
        for (int attempt = 1; ; attempt++) {
            try {
                return openLocked(files, networkTimeout);
            } catch (UserError e) {
                // the process that hosted the database exited while this one was connecting through it (a short
                // 'czar launch' beside a starting supervisor): open again, now as the host or through the new one
                if (attempt == 5 || !hostWentAway(e)) {
                    throw e;
                }
                pause(Duration.ofMillis(100L * attempt));
            }
        }
    }

    private static Database openLocked(DatabaseHome files, Duration networkTimeout) {
        try (OpenLock ignored = OpenLock.acquire(files.dir(), networkTimeout)) {
            files.requireDatabaseOrFreshHome();
            DatabaseCredentials credentials = DatabaseCredentials.of(files.dir());
            SharedDatabaseProbe.requireAnsweringHost(files, credentials, networkTimeout);
            // AUTO_SERVER cannot be combined with DB_CLOSE_ON_EXIT=FALSE: H2 closes the file on JVM exit itself;
            // NETWORK_TIMEOUT bounds every read from the process hosting it, which may be stopped or hung
            String url = "jdbc:h2:file:" + files.base() + ";AUTO_SERVER=TRUE;NETWORK_TIMEOUT=" + networkTimeout.toMillis();
            Database db = open(url, url, credentials, files);
            files.tighten(); // H2 creates its files with the process umask
            return db;
        }
    }

    private static boolean hostWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.CONNECTION_BROKEN_1) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens a private in-memory database ({@code jdbc:h2:mem:...}; tests) and applies the migrations. */
    public static Database open(String memoryUrl) {
        if (!memoryUrl.startsWith("jdbc:h2:mem:")) {
            throw new IllegalArgumentException("only in-memory URLs; open a file database by its home: " + memoryUrl);
        }
        // settings such as DB_CLOSE_DELAY are the owner's to set; czar's user connects by the bare name
        return open(memoryUrl, memoryUrl.split(";", 2)[0], DatabaseCredentials.random(), null);
    }

    private static Database open(String url, String appUrl, DatabaseCredentials credentials, DatabaseHome files) {
        // the owner's connection stays open until the pool has one, so the database is not closed in between
        try (Connection owner = DatabaseOwner.connect(url, credentials)) {
            migrate(url, credentials);
            DatabaseOwner.grantDataRights(owner, credentials);
            JdbcConnectionPool pool = JdbcConnectionPool.create(appUrl, DatabaseCredentials.APP, credentials.appPassword());
            pool.setMaxConnections(16);
            try (Connection probe = pool.getConnection()) {
                probe.isValid(1);
            } catch (SQLException e) {
                pool.dispose();
                throw e;
            }
            return new Database(pool, url, credentials, url.contains("AUTO_SERVER=TRUE"));
        } catch (SQLException e) {
            throw DatabaseErrors.translate(url, files, e);
        }
    }

    private static void migrate(String url, DatabaseCredentials credentials) {
        migrate(Flyway.configure().dataSource(url, DatabaseCredentials.OWNER, credentials.ownerPassword()), SqlVendor.H2, url);
    }

    /** One schema history for both vendors: the shared migrations plus the vendor's own where SQL differs. */
    static void migrate(FluentConfiguration flyway, SqlVendor vendor, String where) {
        try {
            flyway.locations(vendor.migrationLocations().toArray(String[]::new))
                    .javaMigrations(new TimeOrderedRunKeysMigration(), new AuditChainMigration()).load().migrate();
        } catch (FlywayException e) {
            throw new UserError("cannot migrate the czar database (" + where + "): " + e.getMessage(), e);
        }
    }

    /** Which SQL dialect this database speaks, for the few statements that differ (see {@link SqlVendor}). */
    public SqlVendor vendor() {
        return vendor;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        closePool.run();
        if (shared || vendor != SqlVendor.H2) {
            // SHUTDOWN would close the database under other czar processes connected through this one;
            // H2 closes it when the last connection goes
            return;
        }
        // only the owner may shut down; czar's own user may not
        try (Connection c = DriverManager.getConnection(url, DatabaseCredentials.OWNER, credentials.ownerPassword());
             var st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed; nothing left to flush
        }
    }

    /** For tests: czar's user and the URL, so a test can prove what that user may not do. */
    String url() {
        return url;
    }

    /** For tests that play an attacker with the owner's rights (e.g. rewriting the audit log). */
    Connection ownerConnection() throws SQLException {
        if (vendor != SqlVendor.H2) {
            return pool.getConnection(); // on a server, czar's user owns the tables it migrated
        }
        return DriverManager.getConnection(url, DatabaseCredentials.OWNER, credentials.ownerPassword());
    }
}
