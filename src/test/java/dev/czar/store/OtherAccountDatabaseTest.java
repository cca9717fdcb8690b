package dev.czar.store;

import dev.czar.testsupport.OtherAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's critical finding, replayed as the account {@code nobody} against a live shared database: it could read
 * the port and key from the lock file and log in as an H2 admin with an empty password.
 */
class OtherAccountDatabaseTest {
    @TempDir
    Path tmp;

    @Test
    void should_refuse_another_os_account_the_shared_database() throws Exception {
        OtherAccount.assumeAvailable();
        // given a live database shared over H2's loopback socket, in a home a careless umask left traversable
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path h2 = OtherAccount.h2Jar(tmp.resolve("h2"));
        try (Database db = Database.open(home)) {
            Properties lock = new Properties();
            lock.load(new StringReader(Files.readString(home.resolve("db/czar.lock.db"))));
            String tcp = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");
            String app = DatabaseCredentials.of(home.resolve("db")).appPassword();

            // when nobody opens it the way a czar process would, through the file URL
            OtherAccount.Result byFile = shell(h2, db.url(), "CZAR", "");
            // or, knowing the port and key (as if leaked), connects to the socket as either user without the credential
            OtherAccount.Result ownerBySocket = shell(h2, tcp, "CZAR", "");
            OtherAccount.Result appBySocket = shell(h2, tcp, "CZAR_APP", "");
            // control: with the credential the socket does answer nobody, so the refusals above are the guard
            OtherAccount.Result control = shell(h2, tcp, "CZAR_APP", app);

            // then
            System.out.printf("as nobody, file URL: exit %d%n%s%nas nobody, socket as CZAR: exit %d%n%s%n"
                    + "as nobody, socket as CZAR_APP: exit %d%n%s%n", byFile.exitCode(), byFile.output(),
                    ownerBySocket.exitCode(), ownerBySocket.output(), appBySocket.exitCode(), appBySocket.output());
            assertThat(byFile.exitCode()).as(byFile.output()).isNotZero();
            assertThat(byFile.output()).doesNotContain("AUDIT_LOG_SEEN");
            assertThat(ownerBySocket.exitCode()).as(ownerBySocket.output()).isNotZero();
            assertThat(ownerBySocket.output()).contains("Wrong user name or password");
            assertThat(appBySocket.output()).contains("Wrong user name or password");
            assertThat(control.output()).as(control.output()).contains("AUDIT_LOG_SEEN");
        }
    }

    private static OtherAccount.Result shell(Path h2, String url, String user, String password) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", h2.toString(), "org.h2.tools.Shell", "-url", url, "-user", user, "-password", password,
                "-sql", "SELECT COUNT(*) AS audit_log_seen FROM audit_log"));
        return OtherAccount.runAsNobody(command);
    }
}
