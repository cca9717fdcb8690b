package dev.czar.store;

import java.nio.file.Path;

/** A separate JVM that opens a home's database, writes a row, says "ok" and exits: a short 'czar launch'. */
public final class OpenOnceInChildProcess {
    private OpenOnceInChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(Path.of(args[0]));
             var c = db.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO conversations (channel, thread, started_at) VALUES ('cli', '"
                    + ProcessHandle.current().pid() + "', CURRENT_TIMESTAMP)");
        }
        System.out.println("ok");
    }
}
