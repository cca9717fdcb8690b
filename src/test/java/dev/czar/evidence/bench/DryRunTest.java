package dev.czar.evidence.bench;

import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest {
    @TempDir
    Path home;

    @Test
    void should_leave_the_database_file_byte_for_byte_unchanged() throws Exception {
        // given a file database that already holds one import, flushed to disk
        Path first = Fixtures.copy("bench/noisy.csv", home);
        Path second = Fixtures.copy("bench/results.jsonl", home);
        Path file = home.resolve("db").resolve("czar.mv.db");
        try (Database db = Database.open(home)) {
            BenchmarkImporter importer = new BenchmarkImporter(db, BenchmarkImporterTest.CLOCK);
            importer.importFiles(List.of(first), null, false);
            try (Connection c = dev.czar.testsupport.DatabaseOwnerAccess.connect(home); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC"); // the owner's right, not czar's user's
            }
            Thread.sleep(100);
            String before = sha256(file);

            // when both a known and a new file are dry-run
            ImportReport report = importer.importFiles(List.of(first, second), null, true);
            Thread.sleep(1500); // longer than H2's background writer delay, so pending writes would have landed

            // then the report says what would happen, and the file did not change
            assertThat(report.dryRun()).isTrue();
            assertThat(report.inserted()).isEqualTo(2);
            assertThat(report.duplicates()).isEqualTo(6);
            assertThat(sha256(file)).isEqualTo(before);
            assertThat(new BenchmarkStore(db).count()).isEqualTo(5);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
