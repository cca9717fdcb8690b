package dev.czar.cli;

import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 8: names git refuses as a branch ({@code czar/NAME}) are refused at launch with one line, by
 * {@code czar launch} and by {@code /czar launch}, instead of failing later when a worker creates the branch.
 */
class WorkstreamNameRulesTest {
    @TempDir
    Path tmp;
    TempGitRepo repo;

    @BeforeEach
    void repo() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "demo\n"));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    CliRun czar(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", repo.dir().toString(), "--home", tmp.resolve("home").toString()));
        return CliRun.run(Map.of(), Clock.systemUTC(), all.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a..b", "fix.lock", "x.", "a...b", "v1..2"})
    void czar_launch_refuses_a_name_git_refuses_as_a_branch(String name) {
        CliRun run = czar("launch", name, "--task", "Fix the login redirect loop");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("czar: '" + name + "' would make czar/" + name + ", which git refuses as a branch"
                + " name (no '..', no '.' at the end, no '.lock' at the end); pick another, e.g. fix-login" + System.lineSeparator());
        assertThat(czar("workers").out()).doesNotContain(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a@{1}", "x/", "a b", "bell\u0007", "esc\u001b[31m", "UPPER", ".hidden"})
    void czar_launch_refuses_names_outside_the_workstream_alphabet(String name) {
        CliRun run = czar("launch", name, "--task", "Fix it");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("czar: workstream names are lower-case letters, digits").hasLineCount(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a..b", "fix.lock"})
    void slash_czar_launch_refuses_it_through_the_command_path(String name) {
        CliRun run = czar("ask", "/czar launch " + name + " Fix the login redirect loop");

        assertThat(run.out()).contains("'" + name + "' would make czar/" + name + ", which git refuses as a branch name");
        assertThat(czar("workers").out()).doesNotContain(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fix-login", "v1.2", "a.b_c-d", "release.1.x"})
    void names_git_accepts_still_launch(String name) {
        CliRun run = czar("launch", name, "--task", "Fix the login redirect loop");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }
}
