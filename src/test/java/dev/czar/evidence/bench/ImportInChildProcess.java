package dev.czar.evidence.bench;

import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A separate JVM that imports one file into a file database and, after {@code pauseAfter} lines, says "paused"
 * and stalls, so a test can kill it at a known point in the middle of the file's transaction.
 */
public final class ImportInChildProcess {
    /** Small chunks: several bulk loads are in the transaction by the time the test kills the process. */
    static final int CHUNK = 2_000;

    private ImportInChildProcess() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        int pauseAfter = Integer.parseInt(args[2]);
        try (Database db = MemoryDatabase.openChild(args[0]);
             BufferedReader in = new StallingReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), pauseAfter)) {
            new BenchmarkImporter(db, Clock.systemUTC(), CHUNK).importRecords(file.getFileName().toString(), in, BenchFormat.CSV, false);
            System.out.println("done");
        }
    }

    /** Hands out lines normally, then blocks forever once the pause point is reached. */
    private static final class StallingReader extends BufferedReader {
        private final int pauseAfter;
        private int lines;

        StallingReader(BufferedReader in, int pauseAfter) {
            super(in);
            this.pauseAfter = pauseAfter;
        }

        @Override
        public String readLine() throws IOException {
            if (lines++ == pauseAfter) {
                System.out.println("paused");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.readLine();
        }
    }
}
