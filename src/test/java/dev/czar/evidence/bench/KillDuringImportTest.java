package dev.czar.evidence.bench;

import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
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
        // given a store that already has the first half of the runs of big.csv (metric "time")
        Path file = home.resolve("big.csv");
        write(file, 0, ROWS / 2, "time");
        try (Database db = MemoryDatabase.openHome(home)) {
            new BenchmarkImporter(db, Clock.systemUTC()).importFiles(List.of(file), null, false);
        }
        // and a new version of big.csv: "energy" for those stored runs, then "time" for as many new runs
        write(file, 0, ROWS / 2, "energy");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            rows(out, ROWS / 2, ROWS, "time");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ImportInChildProcess.class.getName(), MemoryDatabase.childArgument(home), file.toString(),
                String.valueOf(ROWS * 3 / 4)).redirectErrorStream(true);
        builder.environment().putAll(MemoryDatabase.storeEnvironment());
        Process child = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("paused")) {
                // skip start-up logging
            }
            assertThat(line).isEqualTo("paused");

            // when it is killed three quarters through the file, after all "energy" rows went into its transaction
            assertThat(child.isAlive()).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        // then the store holds only the first import, and importing the file again takes all of it
        try (Database db = MemoryDatabase.openHome(home)) {
            BenchmarkStore store = new BenchmarkStore(db);
            assertThat(store.count()).isEqualTo(ROWS / 2);
            ImportReport report = new BenchmarkImporter(db, Clock.systemUTC()).importFiles(List.of(file), null, false);
            assertThat(report.inserted()).isEqualTo(ROWS);
            assertThat(store.count()).isEqualTo(ROWS + ROWS / 2);
        }
    }

    private static void write(Path file, int from, int to, String metric) throws Exception {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timestamp,commit,branch,benchmark,iteration,metric,value,unit\n");
            rows(out, from, to, metric);
        }
    }

    private static void rows(Writer out, int from, int to, String metric) throws Exception {
        for (int i = from; i < to; i++) {
            out.write("2026-11-02T09:00:00Z,abcdef12,main,bench_" + (i % 50) + "," + i + "," + metric + "," + (i % 997) + ".5,ms\n");
        }
    }
}
