package dev.czar.testsupport;

import dev.czar.store.Database;
import dev.czar.store.SqlVendor;

/**
 * One test database that can be opened several times with the same state (a restart, a second process, a migration
 * run by hand first): in-memory H2 kept until the JVM exits, or a database of its own on the {@link PostgresServer}.
 *
 * @param user     who may run Flyway on it by hand (H2: the owner before czar first sets its password)
 * @param password that user's password
 */
public record TestStore(String url, String user, String password) {
    public Database open() {
        return vendor() == SqlVendor.POSTGRESQL ? Database.openServer(url, user, password) : Database.open(url);
    }

    public SqlVendor vendor() {
        return SqlVendor.ofUrl(url);
    }
}
