package dev.czar.evidence.bench;

import dev.czar.store.Database;
import dev.czar.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentImportTest {
    static final int ROWS = 6_000;

    @TempDir
    Path home;

    @Test
    void should_store_each_row_once_when_the_same_file_is_imported_twice_at_the_same_time() throws Exception {
        // given a file of new runs, and two imports of it starting together (small chunks: loads interleave)
        Path file = home.resolve("results.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timestamp,commit,benchmark,iteration,metric,value,unit\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("2026-11-02T09:00:00Z,abcdef12,bench_" + (i / 2 % 7) + "," + (i / 2) + "," + (i % 2 == 0 ? "time" : "energy")
                        + "," + (i % 97) + ".5,ms\n");
            }
        }
        try (Database db = Database.open(home)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ImportReport>> imports = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                imports.add(pool.submit(() -> {
                    start.await();
                    return new BenchmarkImporter(db, Clock.systemUTC(), 500).importFiles(List.of(file), null, false);
                }));
            }

            // when
            start.countDown();
            long inserted = 0;
            int failed = 0;
            for (Future<ImportReport> f : imports) {
                try {
                    inserted += f.get(5, TimeUnit.MINUTES).inserted();
                } catch (java.util.concurrent.ExecutionException e) {
                    // the loser of a race for the same new run fails whole, with nothing of it stored
                    assertThat(e.getCause()).isInstanceOf(StoreException.class);
                    failed++;
                }
            }
            pool.shutdown();

            // then every row is stored exactly once, whichever import stored it
            assertThat(failed).isLessThan(2);
            assertThat(inserted).isEqualTo(ROWS);
            assertThat(count(db, "SELECT COUNT(*) FROM bench_metrics")).isEqualTo(ROWS);
            assertThat(count(db, "SELECT COUNT(*) FROM bench_runs")).isEqualTo(ROWS / 2);
            ImportReport again = new BenchmarkImporter(db, Clock.systemUTC()).importFiles(List.of(file), null, false);
            assertThat(again.inserted()).isZero();
            assertThat(again.duplicates()).isEqualTo(ROWS);
        }
    }

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
