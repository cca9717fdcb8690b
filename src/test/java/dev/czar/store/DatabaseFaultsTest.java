package dev.czar.store;

import dev.czar.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 18, item 6: a lost, damaged or unanswering database is a clear error, never a silent fresh start or a hang. */
class DatabaseFaultsTest {
    @TempDir
    Path home;

    @Test
    void should_refuse_to_start_afresh_when_the_database_is_missing_under_a_used_home() throws Exception {
        // given a home with a working copy whose database was deleted
        Files.createDirectories(home.resolve("worktrees/feature-x"));

        // when / then
        Path file = home.toAbsolutePath().resolve("db/czar.mv.db");
        assertThatThrownBy(() -> Database.open(home)).isInstanceOf(UserError.class)
                .hasMessage("the czar database " + file + " is missing but " + home.toAbsolutePath()
                        + " has worktrees or worker logs: restore it from a backup, or move " + home.toAbsolutePath()
                        + " aside (or pick another with --home) to start afresh");
        assertThat(file).doesNotExist();
    }

    @Test
    void should_start_a_truly_fresh_home_with_an_empty_database() {
        try (Database db = Database.open(home)) {
            assertThat(home.resolve("db/czar.mv.db")).exists();
        }
    }

    @Test
    void should_name_a_truncated_database_and_the_way_to_recover() throws Exception {
        // given a database cut short (a full disk, a copy interrupted)
        Database.open(home).close();
        Path file = home.resolve("db/czar.mv.db");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(4096);
        }

        // when / then
        assertThatThrownBy(() -> Database.open(home)).isInstanceOf(UserError.class)
                .hasMessageStartingWith("the czar database " + file.toAbsolutePath() + " is truncated (4096 bytes): restore it");
    }

    private Process startHost() throws Exception {
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDatabaseInChildProcess.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("open")) {
            // start-up output
        }
        assertThat(line).isEqualTo("open");
        return host;
    }

    private static void stop(Process host) throws Exception {
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(host.pid())).start().waitFor()).isZero();
    }

    private static void resumeAndEnd(Process host) throws Exception {
        new ProcessBuilder("kill", "-CONT", Long.toString(host.pid())).start().waitFor();
        host.destroyForcibly();
        host.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void should_give_up_with_a_clear_message_when_the_process_hosting_the_database_is_stopped() throws Exception {
        // given another czar JVM hosting this home's database, then stopped with SIGSTOP
        Process host = startHost();
        try {
            stop(host);

            // when this process opens the same home, allowing it 3 s to answer
            long started = System.nanoTime();
            Throwable failure = null;
            try {
                Database.open(home, Duration.ofSeconds(3)).close();
            } catch (UserError e) {
                failure = e;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            // then it does not hang: one line naming the database and what to do
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).startsWith("the czar process sharing " + home.toAbsolutePath().resolve("db/czar.mv.db"))
                    .contains("did not answer within 3 s (stopped or hung?): resume or end it, then retry");
            assertThat(waited).isLessThan(Duration.ofSeconds(60));
            System.out.println("gave up after " + waited.toMillis() + " ms: " + failure.getMessage());
        } finally {
            resumeAndEnd(host);
        }
    }
}
