package dev.czar.testsupport;

import dev.czar.store.Database;

import java.util.UUID;

/** A fresh, migrated in-memory H2 database per call. */
public final class MemoryDatabase {
    private MemoryDatabase() {
    }

    public static Database open() {
        return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
