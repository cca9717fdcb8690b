package dev.czar.store;

import dev.czar.UserError;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Asks the czar process that hosts a home's database whether it answers, within a bound, before H2 opens it.
 * H2 itself would not give up: opening a file whose lock names a server, it reads that server's reply with no
 * timeout ({@code FileLock.checkServer}), so a host stopped with SIGSTOP or hung would hang every other czar process
 * on the home. The probe logs in over the same socket the way H2's client would, with a read timeout.
 */
final class SharedDatabaseProbe {
    private SharedDatabaseProbe() {
    }

    /** @throws UserError when a host is named in the lock file and does not answer within {@code timeout} */
    static void requireAnsweringHost(DatabaseHome files, DatabaseCredentials credentials, Duration timeout) {
        Properties lock = readLock(files.dir().resolve("czar.lock.db"));
        String server = lock.getProperty("server");
        String key = lock.getProperty("id");
        if (server == null || key == null) {
            return; // no process hosts it: this one will
        }
        String url = "jdbc:h2:tcp://" + server + "/" + key + ";NETWORK_TIMEOUT=" + timeout.toMillis();
        try (Connection c = DriverManager.getConnection(url, DatabaseCredentials.APP, credentials.appPassword())) {
            c.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            if (DatabaseErrors.timedOut(e)) {
                throw new UserError("the czar process sharing " + files.file() + " (" + server + ") did not answer within "
                        + timeout.toSeconds() + " s (stopped or hung?): resume or end it, then retry", e);
            }
            // refused (the host is gone, or predates the credential): H2 sorts that out when it opens the file
        }
    }

    private static Properties readLock(Path file) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(Files.readString(file)));
        } catch (NoSuchFileException e) {
            // nobody has it open
        } catch (IOException | IllegalArgumentException e) {
            // being rewritten, or not ours to read: H2's own lock handling decides
        }
        return props;
    }
}
