package dev.czar.testsupport;

import dev.czar.store.Database;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh, migrated database per call: in-memory H2, or, when the build runs the store tests against PostgreSQL
 * (system property {@value #STORE_PROPERTY}{@code =postgresql}, set by the {@code postgresql} surefire execution), a
 * new empty database on the {@link PostgresServer} of this JVM.
 */
public final class MemoryDatabase {
    public static final String STORE_PROPERTY = "czar.test.store";

    /** On PostgreSQL: the database standing in for each home's H2 file, so opening a home again finds its state. */
    private static final Map<Path, String> HOME_DATABASES = new ConcurrentHashMap<>();

    private MemoryDatabase() {
    }

    /**
     * The state of {@code home}: its own H2 file database, or on PostgreSQL one database per home, the same one each
     * time this home is opened again (restart tests).
     */
    public static Database openHome(Path home) {
        if (onPostgresql()) {
            String url = HOME_DATABASES.computeIfAbsent(home.toAbsolutePath().normalize(),
                    h -> PostgresServer.shared().freshDatabaseUrl());
            return Database.openServer(url, PostgresServer.USER, PostgresServer.PASSWORD);
        }
        return Database.open(home);
    }

    /**
     * How a child JVM started by a test opens the state of {@code home} ({@link #openChild}): the home itself on H2
     * (the child connects through this process's AUTO_SERVER), the home's PostgreSQL database otherwise.
     */
    public static String childArgument(Path home) {
        if (!onPostgresql()) {
            return home.toString();
        }
        return HOME_DATABASES.computeIfAbsent(home.toAbsolutePath().normalize(), h -> PostgresServer.shared().freshDatabaseUrl());
    }

    /** In a child JVM: opens what {@link #childArgument} named, with the credentials of {@link #storeEnvironment}. */
    public static Database openChild(String argument) {
        if (argument.startsWith("jdbc:postgresql:")) {
            return Database.openServer(argument, System.getenv("CZAR_STORE_USER"), System.getenv("CZAR_STORE_PASSWORD"));
        }
        return Database.open(Path.of(argument));
    }

    /** The {@code store.url} line a czar process started by a test puts in its config: empty on H2. */
    public static String storeConfigFor(Path home) {
        if (!onPostgresql()) {
            return "";
        }
        String url = HOME_DATABASES.computeIfAbsent(home.toAbsolutePath().normalize(),
                h -> PostgresServer.shared().freshDatabaseUrl());
        return "store:\n  url: " + url + "\n";
    }

    /** The environment a czar process started by a test needs to reach the store (its credentials on PostgreSQL). */
    public static Map<String, String> storeEnvironment() {
        return onPostgresql() ? Map.of("CZAR_STORE_USER", PostgresServer.USER, "CZAR_STORE_PASSWORD", PostgresServer.PASSWORD)
                : Map.of();
    }

    public static Database open() {
        if (onPostgresql()) {
            return Database.openServer(PostgresServer.shared().freshDatabaseUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
        }
        return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** A database to open several times (restart, second connection pool), each time with the same state. */
    public static TestStore reopenable() {
        if (onPostgresql()) {
            return new TestStore(PostgresServer.shared().freshDatabaseUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
        }
        return new TestStore("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "czar", "");
    }

    /** Whether this test run puts the store on PostgreSQL. */
    public static boolean onPostgresql() {
        return "postgresql".equals(System.getProperty(STORE_PROPERTY));
    }
}
