package dev.czar.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java, used where the values it stores must come from czar's own code (keys,
 * hashes). Numbered by hand like the SQL migrations beside it; runs in the migration's transaction.
 */
public abstract class CodedMigration implements JavaMigration {
    private final MigrationVersion version;
    private final String description;

    protected CodedMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    /** No checksum: the code is the migration, and its tests pin what it stores. */
    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
