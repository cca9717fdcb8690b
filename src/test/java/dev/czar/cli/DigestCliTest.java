package dev.czar.cli;

import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.MutableClock;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code czar digest --print} and {@code /czar digest now} through the real command line and chat path. */
class DigestCliTest {
    @TempDir
    Path tmp;
    TempGitRepo repo;
    final MutableClock clock = new MutableClock(TempGitRepo.EPOCH.plus(Duration.ofHours(1)));

    @AfterEach
    void close() {
        if (repo != null) {
            repo.close();
        }
    }

    private CliRun czar(String... args) {
        return CliRun.run(Map.of("CZAR_REPO", repo.dir().toString(), "CZAR_HOME", tmp.resolve("home").toString()), clock, args);
    }

    @Test
    void should_print_what_landed_then_a_one_line_digest_when_nothing_changed() {
        // given
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        String sha = repo.commit("Add the login page", Map.of("login.html", "<form></form>\n"));

        // when
        CliRun first = czar("digest", "--print");
        clock.advance(Duration.ofHours(2));
        CliRun second = czar("digest", "--print");

        // then
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("Landed on main:").contains(sha.substring(0, 7) + " Add the login page (Alice Example) [git "
                + sha.substring(0, 7) + "]").contains("CI: not configured");
        assertThat(second.out().strip()).startsWith("Nothing new since 2026-11-02 10:00 UTC (no workstreams)").doesNotContain("\n");
    }

    @Test
    void should_answer_digest_now_through_the_command_path_and_audit_it() throws Exception {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("Add the login page", Map.of("login.html", "<form></form>\n"));

        CliRun run = czar("ask", "--json", "/czar digest now");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"intent\":\"COMMAND\"").contains("Add the login page").contains("\"source\":\"git\"");
    }

    @Test
    void should_say_where_the_digest_goes_without_print() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("init", Map.of("a", "b"));

        CliRun run = czar("digest");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("czar: say where the digest goes: czar digest --print").doesNotContain("\n");
        assertThat(Files.exists(tmp.resolve("home"))).isFalse();
    }
}
