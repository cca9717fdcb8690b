package dev.czar.evidence.git;

import dev.czar.config.GitConfig;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitEvidenceTest {
    private static final GitConfig AUTO = new GitConfig(null, null);

    @TempDir
    Path dir;

    /** main: A - B(main moves on);  feature-x forks at A: X1 - X2. */
    private TempGitRepo forkedRepo() {
        TempGitRepo repo = TempGitRepo.init(dir, "main");
        repo.commit("A: initial", Map.of("README.md", "hello\n", "src/app.txt", "one\ntwo\nthree\n"));
        repo.branch("feature-x");
        repo.commit("X1: add login", Map.of("src/login.txt", "login\nform\n"));
        repo.commit("X2: edit app", Map.of("src/app.txt", "one\nTWO\nthree\nfour\n"));
        repo.checkout("main");
        repo.commit("B: main moves on", Map.of("docs/notes.txt", "note 1\nnote 2\nnote 3\n"));
        return repo;
    }

    @Test
    void should_report_head_and_ahead_behind_counts_against_main() {
        try (TempGitRepo repo = forkedRepo(); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            BranchStatus status = git.status("feature-x");

            assertThat(status.ahead()).isEqualTo(2);
            assertThat(status.behind()).isEqualTo(1);
            assertThat(status.merged()).isFalse();
            assertThat(status.branch().head().subject()).isEqualTo("X2: edit app");
            assertThat(status.branch().head().sha()).hasSize(40);
            assertThat(status.main().name()).isEqualTo("main");
        }
    }

    @Test
    void should_compute_diffstat_two_dot_so_changes_main_made_after_the_fork_show_as_removed() {
        try (TempGitRepo repo = forkedRepo(); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            DiffStat stat = git.diffStat("feature-x");

            // two-dot compares the trees of both heads: main's docs/notes.txt is absent on feature-x;
            // three-dot (merge-base..branch) would not list it at all.
            assertThat(stat.files()).extracting(FileChange::path, FileChange::change, FileChange::added, FileChange::deleted)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("docs/notes.txt", "DELETE", 0, 3),
                            org.assertj.core.groups.Tuple.tuple("src/app.txt", "MODIFY", 2, 1),
                            org.assertj.core.groups.Tuple.tuple("src/login.txt", "ADD", 2, 0));
            assertThat(stat.insertions()).isEqualTo(4);
            assertThat(stat.deletions()).isEqualTo(4);
        }
    }

    @Test
    void should_match_the_git_cli_numstat_for_the_same_range() throws Exception {
        try (TempGitRepo repo = forkedRepo(); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            Map<String, String> cli = gitNumstat(repo.dir(), "main..feature-x");

            Map<String, String> ours = new HashMap<>();
            for (FileChange f : git.diffStat("feature-x").files()) {
                ours.put(f.path(), f.added() + "\t" + f.deleted());
            }
            assertThat(ours).isEqualTo(cli);
        }
    }

    @Test
    void should_say_merged_once_main_contains_the_branch() {
        try (TempGitRepo repo = forkedRepo(); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            repo.merge("feature-x");

            assertThat(git.isMerged("feature-x")).isTrue();
            assertThat(git.status("feature-x").ahead()).isZero();
        }
    }

    @Test
    void should_list_what_landed_on_main_since_a_time_following_first_parents() {
        try (TempGitRepo repo = forkedRepo(); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            String merge = repo.merge("feature-x");

            List<CommitInfo> landed = git.landedSince(TempGitRepo.EPOCH.plusSeconds(4 * 60 + 1), 10);

            assertThat(landed).extracting(CommitInfo::sha).containsExactly(merge);
            assertThat(git.landedSince(Instant.EPOCH, 10)).extracting(CommitInfo::subject)
                    .containsExactly("Merge branch 'feature-x'", "B: main moves on", "A: initial");
        }
    }

    @Test
    void should_list_recent_commits_newest_first_with_limit() {
        try (TempGitRepo repo = forkedRepo(); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            assertThat(git.recentCommits("feature-x", 2)).extracting(CommitInfo::subject)
                    .containsExactly("X2: edit app", "X1: add login");
        }
    }

    @Test
    void should_treat_a_repository_without_commits_as_empty() {
        try (TempGitRepo repo = TempGitRepo.init(dir, "main"); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            assertThat(git.isEmpty()).isTrue();
            assertThat(git.branches()).isEmpty();
            assertThat(git.mainBranch()).isEmpty();
        }
    }

    @Test
    void should_find_main_by_name_even_when_head_is_detached() {
        try (TempGitRepo repo = forkedRepo(); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            repo.detach(git.find("feature-x").orElseThrow().head().sha());

            assertThat(git.mainBranch()).contains("main");
            assertThat(git.status("feature-x").ahead()).isEqualTo(2);
        }
    }

    @Test
    void should_fall_back_to_master_when_there_is_no_main() {
        try (TempGitRepo repo = TempGitRepo.init(dir, "master")) {
            repo.commit("first", Map.of("a.txt", "a\n"));
            repo.branch("topic").commit("topic work", Map.of("b.txt", "b\n"));
            try (GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
                assertThat(git.mainBranch()).contains("master");
                assertThat(git.status("topic").ahead()).isEqualTo(1);
            }
        }
    }

    @Test
    void should_use_the_branch_head_points_at_when_neither_main_nor_master_exists() {
        try (TempGitRepo repo = TempGitRepo.init(dir, "trunk")) {
            repo.commit("first", Map.of("a.txt", "a\n"));
            try (GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
                assertThat(git.mainBranch()).contains("trunk");
            }
        }
    }

    @Test
    void should_explain_how_to_configure_main_when_it_cannot_be_found() {
        try (TempGitRepo repo = TempGitRepo.init(dir, "trunk")) {
            String first = repo.commit("first", Map.of("a.txt", "a\n"));
            repo.detach(first);
            try (GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
                assertThat(git.mainBranch()).isEmpty();
                assertThat(git.missingMainExplanation()).contains("git.main-branch");
                assertThatThrownBy(() -> git.status("trunk")).isInstanceOf(GitEvidenceException.class)
                        .hasMessageContaining("git.main-branch");
            }
        }
    }

    @Test
    void should_honour_a_configured_main_branch() {
        try (TempGitRepo repo = forkedRepo();
             GitEvidence git = GitEvidence.open(repo.dir(), new GitConfig("feature-x", null))) {
            assertThat(git.status("main").behind()).isEqualTo(2);
        }
    }

    @Test
    void should_refuse_a_directory_that_is_not_a_repository_with_a_clear_message() {
        assertThatThrownBy(() -> GitEvidence.open(dir, AUTO))
                .isInstanceOf(GitEvidenceException.class)
                .hasMessageStartingWith("not a git repository: ");
        assertThatThrownBy(() -> GitEvidence.open(dir.resolve("missing"), AUTO))
                .hasMessageStartingWith("not a directory: ");
    }

    @Test
    void should_report_an_unknown_branch_by_name() {
        try (TempGitRepo repo = forkedRepo(); GitEvidence git = GitEvidence.open(repo.dir(), AUTO)) {
            assertThatThrownBy(() -> git.status("nope")).hasMessage("no branch named 'nope'");
        }
    }

    private static Map<String, String> gitNumstat(Path repo, String range) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "-c", "core.quotepath=off", "diff", "--numstat", range)
                .directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Map<String, String> result = new HashMap<>();
        out.lines().map(l -> l.split("\t")).forEach(f -> result.put(f[2], f[0] + "\t" + f[1]));
        return result;
    }
}
