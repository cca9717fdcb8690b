package dev.czar.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSharingTest {
    @TempDir
    Path home;

    @Test
    void should_let_a_second_process_use_the_same_home_while_the_first_has_it_open() throws Exception {
        // given czar's database open in this process
        try (Database db = Database.open(home)) {
            String h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String url = "jdbc:h2:file:" + home.resolve("db/czar").toAbsolutePath() + ";AUTO_SERVER=TRUE";

            // when another JVM writes through the same file URL
            Process other = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dh2.bindAddress=127.0.0.1", "-cp", h2, "org.h2.tools.Shell", "-url", url,
                    // as czar's own user, with the home's credential (issue 18), like every czar process on this home
                    "-user", DatabaseCredentials.APP, "-password", DatabaseCredentials.of(home.resolve("db")).appPassword(), "-sql",
                    "INSERT INTO audit_log (at, user_id, channel, command, arguments, outcome)"
                            + " VALUES (CURRENT_TIMESTAMP, 'other-process', 'cli', 'launch', 'x', 'ok')"))
                    .redirectErrorStream(true).start();
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();

            // then this process sees the row: one database, not a second copy
            assertThat(other.exitValue()).as(output).isZero();
            try (Connection c = db.connection(); ResultSet rs = c.createStatement()
                    .executeQuery("SELECT user_id FROM audit_log")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("other-process");
            }
        }
    }
}
