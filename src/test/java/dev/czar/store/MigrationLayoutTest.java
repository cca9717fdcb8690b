package dev.czar.store;

import dev.czar.evidence.bench.TimeOrderedRunKeysMigration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 moved the H2-only migrations out of the shared folder into {@code db/h2}: homes migrated before, from the
 * one folder that held them all, must still validate and open (same versions, descriptions and checksums).
 */
class MigrationLayoutTest {
    @Test
    void should_open_an_h2_database_migrated_from_the_single_folder_of_earlier_releases(@TempDir Path tmp) throws Exception {
        // given a database migrated the way earlier releases did: every script in one location
        Path oneFolder = Files.createDirectories(tmp.resolve("migration"));
        copyScripts("db/migration", oneFolder);
        copyScripts("db/h2", oneFolder);
        String url = "jdbc:h2:mem:layout-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "czar", "").locations("filesystem:" + oneFolder)
                .javaMigrations(new TimeOrderedRunKeysMigration(), new AuditChainMigration()).load().migrate();

        // when today's layout validates it
        ValidateResult result = Flyway.configure().dataSource(url, "czar", "")
                .locations(SqlVendor.H2.migrationLocations().toArray(String[]::new))
                .javaMigrations(new TimeOrderedRunKeysMigration(), new AuditChainMigration()).load().validateWithResult();

        // then nothing differs, and czar opens it
        assertThat(result.validationSuccessful).as(String.valueOf(result.invalidMigrations)).isTrue();
        Database.open(url).close();
    }

    private static void copyScripts(String resource, Path to) throws IOException, URISyntaxException {
        Path from = Path.of(MigrationLayoutTest.class.getClassLoader().getResource(resource).toURI());
        try (Stream<Path> scripts = Files.list(from)) {
            for (Path script : scripts.toList()) {
                Files.copy(script, to.resolve(script.getFileName()));
            }
        }
    }
}
