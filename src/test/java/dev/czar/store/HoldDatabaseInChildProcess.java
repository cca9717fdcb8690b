package dev.czar.store;

import java.nio.file.Path;

/** A separate JVM that opens a home's database (so it hosts the shared socket), says "open" and holds it. */
public final class HoldDatabaseInChildProcess {
    private HoldDatabaseInChildProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (Database db = Database.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
