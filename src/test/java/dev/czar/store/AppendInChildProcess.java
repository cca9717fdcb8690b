package dev.czar.store;

import dev.czar.testsupport.SlackApiStub;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * A second czar process on the same home: appends {@code n} audit rows through the shared (mixed-mode) database.
 *
 * <p>It writes its first row, says "ready", and writes the rest only once the parent's first row is in: the two
 * writers then provably alternate at the chain's head, however fast one of them is (a warm parent can otherwise finish
 * all its rows before this cold JVM writes one, and the race the test is about never happens).
 */
public final class AppendInChildProcess {
    private AppendInChildProcess() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        try (Database db = Database.open(Path.of(args[0]))) {
            AuditLog audit = new AuditLog(db, Clock.systemUTC());
            audit.record("child", "cli", "status", "n0", "ok", null);
            System.out.println("ready");
            SlackApiStub.await(() -> parentWrote(db), Duration.ofSeconds(60), "the parent's first audit row");
            for (int i = 1; i < n; i++) {
                audit.record("child", "cli", "status", "n" + i, "ok", null);
            }
        }
        System.out.println("done");
    }

    private static boolean parentWrote(Database db) {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_log WHERE user_id = 'parent'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit log", e);
        }
    }
}
