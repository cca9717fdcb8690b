package dev.czar.store;

import java.nio.file.Path;
import java.time.Clock;

/** A second czar process on the same home: appends {@code n} audit rows through the shared (mixed-mode) database. */
public final class AppendInChildProcess {
    private AppendInChildProcess() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        try (Database db = Database.open(Path.of(args[0]))) {
            AuditLog audit = new AuditLog(db, Clock.systemUTC());
            System.out.println("ready");
            for (int i = 0; i < n; i++) {
                audit.record("child", "cli", "status", "n" + i, "ok", null);
            }
        }
        System.out.println("done");
    }
}
