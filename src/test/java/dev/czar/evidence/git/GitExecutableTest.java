package dev.czar.evidence.git;

import dev.czar.testsupport.GitCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one way czar runs git: chosen by {@code git.executable}, failures in git's own words. */
class GitExecutableTest {
    @TempDir
    Path dir;

    @Test
    void auto_finds_git_on_the_path_and_none_never_runs_it() {
        assertThat(GitExecutable.of(GitExecutable.AUTO)).isPresent();
        assertThat(GitExecutable.of(GitExecutable.NONE)).isEmpty();
    }

    @Test
    void a_path_that_is_not_an_executable_is_refused_in_one_line_naming_the_setting() throws Exception {
        Path notGit = Files.writeString(dir.resolve("git"), "not a program");

        assertThatThrownBy(() -> GitExecutable.of(notGit.toString()))
                .isInstanceOf(GitEvidenceException.class)
                .hasMessage("git.executable '" + notGit + "' is not an executable file (set it to auto, none or the path of git)");
        assertThatThrownBy(() -> GitExecutable.of(dir.toString())).isInstanceOf(GitEvidenceException.class);
    }

    @Test
    void a_failing_git_command_reports_git_s_own_message() {
        GitCli.init(dir);
        GitExecutable git = GitExecutable.onPath().orElseThrow();

        assertThatThrownBy(() -> git.run(dir, "rev-parse", "--verify", "no-such-branch"))
                .isInstanceOf(GitEvidenceException.class)
                .hasMessage("git rev-parse failed: fatal: Needed a single revision");
    }

    @Test
    void input_goes_to_git_and_large_output_on_both_streams_is_read_without_stalling() {
        GitCli.init(dir);
        GitExecutable git = GitExecutable.onPath().orElseThrow();
        byte[] big = "line\n".repeat(400_000).getBytes(StandardCharsets.UTF_8); // 2 MB: more than any pipe buffer

        String sha = git.exec(dir, big, "hash-object", "-w", "--stdin").text().strip();
        GitExecutable.Output out = git.exec(dir, null, "cat-file", "-p", sha);

        assertThat(sha).isEqualTo(new GitCli(dir).runWithInput("line\n".repeat(400_000), "hash-object", "--stdin").strip());
        assertThat(out.exit()).isZero();
        assertThat(out.stdout()).hasSize(big.length);
    }
}
