package dev.czar.store;

import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Issue 18, item 1: the database only czar can open, and czar's own connections cannot reach the file system. */
class DatabaseSecurityTest {
    @TempDir
    Path home;

    @Test
    void should_refuse_h2_file_functions_aliases_and_links_to_czars_own_connection() throws Exception {
        try (Database db = Database.open(home); Connection c = db.connection(); Statement st = c.createStatement()) {
            for (String sql : new String[] {
                    "SELECT FILE_READ('/etc/hostname')",
                    "SELECT FILE_WRITE('x', '" + home.resolve("planted").toString().replace("'", "''") + "')",
                    "SELECT * FROM CSVREAD('/etc/hostname')",
                    "CALL CSVWRITE('" + home.resolve("dump.csv").toString().replace("'", "''") + "', 'SELECT 1')",
                    "CREATE ALIAS SH FOR 'java.lang.Runtime.getRuntime'",
                    "CALL LINK_SCHEMA('X', '', 'jdbc:h2:mem:x', 'sa', '', 'PUBLIC')",
                    "CREATE LINKED TABLE L('', 'jdbc:h2:mem:x', 'sa', '', 'T')",
                    "SCRIPT TO '" + home.resolve("dump.sql").toString().replace("'", "''") + "'",
                    "CREATE USER INTRUDER PASSWORD 'x' ADMIN",
                    "SHUTDOWN"}) {
                assertThatThrownBy(() -> st.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).as(sql)
                                .isIn(ErrorCode.ADMIN_RIGHTS_REQUIRED, ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1));
            }
            assertThat(home.resolve("planted")).doesNotExist();
            assertThat(home.resolve("dump.csv")).doesNotExist();
            assertThat(home.resolve("dump.sql")).doesNotExist();
        }
    }

    @Test
    void should_let_czars_own_connection_read_and_write_its_tables() throws Exception {
        try (Database db = Database.open(home); Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO conversations (channel, thread, started_at) VALUES ('cli', '', CURRENT_TIMESTAMP)");
            st.execute("UPDATE conversations SET thread = 'done'");
            try (ResultSet rs = st.executeQuery("SELECT thread, CURRENT_USER FROM conversations")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("done");
                assertThat(rs.getString(2)).isEqualTo(DatabaseCredentials.APP);
            }
        }
    }

    @Test
    void should_keep_the_database_and_its_credential_owner_only() throws Exception {
        // given the ordinary umask of a login shell (022: files world-readable unless made otherwise)
        assumeThat(umask()).as("this test's JVM umask").isEqualTo("0022");

        // when czar creates its database
        try (Database db = Database.open(home)) {
            Path dir = home.resolve("db");

            // then nothing in db/ is readable by another account, H2's lock file (port and key) included
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(dir.resolve("czar.lock.db")).exists();
            try (var files = Files.list(dir)) {
                assertThat(files.filter(Files::isRegularFile).map(DatabaseSecurityTest::mode))
                        .containsOnly("rw-------");
            }
            assertThat(Files.readString(dir.resolve("credentials"))).containsPattern("owner=[0-9a-f]{64}")
                    .containsPattern("app=[0-9a-f]{64}");
        }
    }

    @Test
    void should_move_a_home_made_with_an_empty_password_onto_its_credential_keeping_its_rows() throws Exception {
        // given a home created before issue 18: admin CZAR with an empty password, world-readable files
        String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("czar");
        Files.createDirectories(home.resolve("db"));
        Files.setPosixFilePermissions(home.resolve("db"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Database.open(home).close(); // the schema by today's code; the home is then put back the way old releases left it
        try (Connection c = DriverManager.getConnection(url, DatabaseCredentials.OWNER,
                DatabaseCredentials.of(home.resolve("db")).ownerPassword()); Statement st = c.createStatement()) {
            st.execute("INSERT INTO audit_log (at, user_id, channel, command, arguments, outcome)"
                    + " VALUES (CURRENT_TIMESTAMP, 'U-old', 'cli', 'launch', 'x', 'ok')");
            st.execute("ALTER USER CZAR SET PASSWORD ''");
            st.execute("DROP USER CZAR_APP");
            st.execute("SHUTDOWN");
        }
        Files.delete(home.resolve("db").resolve("credentials"));
        Files.setPosixFilePermissions(home.resolve("db"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(home.resolve("db").resolve("czar.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        // when the new czar opens it
        try (Database db = Database.open(home); Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT user_id FROM audit_log")) {
            // then the rows are there, the files are tightened, and the empty password no longer opens it
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("U-old");
            assertThat(mode(home.resolve("db"))).isEqualTo("rwx------");
            assertThat(mode(home.resolve("db").resolve("czar.mv.db"))).isEqualTo("rw-------");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, DatabaseCredentials.OWNER, "").close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
    }

    static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The umask this JVM (and so czar under test) creates files with, as the shell reports it. */
    static String umask() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "umask").start();
        return new String(p.getInputStream().readAllBytes()).strip();
    }
}
