package dev.czar.evidence.bench;

import dev.czar.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KillDuringImportTest {
    static final int ROWS = 12_000;

    @TempDir
    Path home;

    @Test
    void should_leave_no_partial_file_import_when_the_process_is_killed() throws Exception {
        // given a file being imported by another JVM
        Path file = home.resolve("big.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timestamp,commit,branch,benchmark,iteration,metric,value,unit\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("2026-11-02T09:00:00Z,abcdef12,main,bench_" + (i % 50) + "," + i + ",time," + (i % 997) + ".5,ms\n");
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ImportInChildProcess.class.getName(), home.toString(), file.toString(), String.valueOf(ROWS / 2))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("paused")) {
                // skip start-up logging
            }
            assertThat(line).isEqualTo("paused");

            // when it is killed half-way through the file, with several batches already written in its transaction
            assertThat(child.isAlive()).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        // then the store holds nothing from that file, and a new import takes all of it
        try (Database db = Database.open(home)) {
            BenchmarkStore store = new BenchmarkStore(db);
            assertThat(store.count()).isZero();
            ImportReport report = new BenchmarkImporter(db, Clock.systemUTC()).importFiles(List.of(file), null, false);
            assertThat(report.inserted()).isEqualTo(ROWS);
            assertThat(store.count()).isEqualTo(ROWS);
        }
    }
}
