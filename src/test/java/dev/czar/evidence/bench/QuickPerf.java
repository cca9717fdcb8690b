package dev.czar.evidence.bench;

import dev.czar.store.Database;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

public final class QuickPerf {
    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[1]);
        Path home = Files.createTempDirectory(Path.of(args[0]), "perf");
        Path file = home.resolve("big.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timestamp,commit,branch,benchmark,iteration,metric,value,unit\n");
            for (int i = 0; i < rows; i++) {
                out.write("2026-11-02T09:00:00Z,abcdef12,main,bench_" + (i % 50) + "," + i + ",time," + (i % 997) + ".5,ms\n");
            }
        }
        try (Database db = Database.open(home)) {
            long t = System.nanoTime();
            ImportReport r = new BenchmarkImporter(db, Clock.systemUTC()).importFiles(List.of(file), null, false);
            System.out.println("inserted " + r.inserted() + " in " + (System.nanoTime() - t) / 1e6 + " ms");
        }
    }
}
