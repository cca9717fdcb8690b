package dev.czar.evidence.git;

import dev.czar.config.GitConfig;
import dev.czar.testsupport.GitCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repositories as they come (bare, mirror, shallow, linked worktrees, detached HEAD, unrelated histories, 10,000 packed
 * refs), each built with the git CLI; every case asserts czar's ahead/behind equal {@code git rev-list --left-right
 * --count main...branch} in the same repository.
 */
class GitRepositoryShapesTest {
    private static final GitConfig AUTO = new GitConfig(null, null);
    private static final GitConfig JGIT_ONLY = new GitConfig(null, null, null, null, GitExecutable.NONE);

    @TempDir
    Path dir;

    /** main: 6 commits; feature forks after 3 and adds 4; main's last 3 come after the fork; gh-pages is an orphan. */
    private GitCli upstream() {
        GitCli git = GitCli.init(dir.resolve("upstream"));
        for (int i = 0; i < 3; i++) {
            git.write("main.txt", "main " + i + "\n").commitAll("main " + i);
        }
        git.run("checkout", "-q", "-b", "feature");
        for (int i = 0; i < 4; i++) {
            git.write("feature.txt", "feature " + i + "\n").commitAll("feature " + i);
        }
        git.run("checkout", "-q", "main");
        for (int i = 3; i < 6; i++) {
            git.write("main.txt", "main " + i + "\n").commitAll("main " + i);
        }
        git.run("checkout", "-q", "--orphan", "gh-pages");
        git.run("rm", "-rfq", ".");
        for (int i = 0; i < 2; i++) {
            git.write("index.html", "<p>" + i + "</p>\n").commitAll("pages " + i);
        }
        git.run("checkout", "-q", "main");
        return git;
    }

    private static BranchStatus assertCountsEqualGit(GitCli git, Path openAt, String branch, String gitName) {
        String[] counts = git.run("rev-list", "--left-right", "--count", "main..." + gitName).strip().split("\\s+");
        try (GitEvidence evidence = GitEvidence.open(openAt, AUTO)) {
            BranchStatus status = evidence.status(branch);
            assertThat(new int[]{status.behind(), status.ahead()}).as("behind/ahead of %s", branch)
                    .containsExactly(Integer.parseInt(counts[0]), Integer.parseInt(counts[1]));
            if (!branch.contains("~") && !branch.equals("HEAD")) {
                assertAllBranchesAnswerTheSame(openAt, status);
            }
            return status;
        }
    }

    /** "Which branches are ahead of main?" reads history once for all branches, with git or with JGit: same counts. */
    private static void assertAllBranchesAnswerTheSame(Path openAt, BranchStatus single) {
        for (GitConfig config : java.util.List.of(AUTO, JGIT_ONLY)) {
            try (GitEvidence evidence = GitEvidence.open(openAt, config)) {
                assertThat(evidence.statusOfAll()).filteredOn(s -> s.branch().name().equals(single.branch().name()))
                        .as("statusOfAll, git.executable=%s", config.executable()).singleElement()
                        .satisfies(s -> assertThat(new Object[]{s.ahead(), s.behind(), s.merged(), s.related(), s.shallow()})
                                .containsExactly(single.ahead(), single.behind(), single.merged(), single.related(), single.shallow()));
            }
        }
    }

    @Test
    void unrelated_histories_are_counted_as_git_counts_them_and_flagged_as_sharing_no_commit() {
        GitCli git = upstream();

        BranchStatus pages = assertCountsEqualGit(git, git.dir(), "gh-pages", "gh-pages");
        BranchStatus feature = assertCountsEqualGit(git, git.dir(), "feature", "feature");

        assertThat(pages.related()).isFalse();
        assertThat(pages.merged()).isFalse();
        assertThat(feature.related()).isTrue();
    }

    @Test
    void bare_and_mirror_clones_answer_like_the_repository_they_copy() {
        GitCli source = upstream();
        GitCli parent = new GitCli(dir);
        parent.run("clone", "-q", "--bare", source.dir().toString(), "bare.git");
        parent.run("clone", "-q", "--mirror", source.dir().toString(), "mirror.git");

        for (String name : new String[]{"bare.git", "mirror.git"}) {
            GitCli clone = new GitCli(dir.resolve(name));
            BranchStatus status = assertCountsEqualGit(clone, clone.dir(), "feature", "feature");
            assertThat(status.ahead()).isEqualTo(4);
            assertThat(status.behind()).isEqualTo(3);
        }
    }

    @Test
    void a_shallow_clone_counts_what_it_has_and_says_the_counts_are_a_lower_bound() {
        GitCli source = upstream();
        GitCli parent = new GitCli(dir);
        parent.run("clone", "-q", "--depth", "2", "--no-single-branch", "file://" + source.dir(), "shallow");
        GitCli shallow = new GitCli(dir.resolve("shallow"));

        BranchStatus status = assertCountsEqualGit(shallow, shallow.dir(), "feature", "origin/feature");

        assertThat(status.shallow()).isTrue();
        assertThat(status.branch().name()).isEqualTo("origin/feature");
    }

    @Test
    void a_linked_worktree_and_a_detached_head_still_compare_against_main() {
        GitCli git = upstream();
        git.run("worktree", "add", "-q", "--detach", dir.resolve("linked").toString(), "feature~1");

        BranchStatus fromWorktree = assertCountsEqualGit(git, dir.resolve("linked"), "feature", "feature");
        BranchStatus detached = assertCountsEqualGit(new GitCli(dir.resolve("linked")), dir.resolve("linked"), "HEAD", "HEAD");

        assertThat(fromWorktree.main().name()).isEqualTo("main");
        assertThat(detached.ahead()).isEqualTo(3);
    }

    @Test
    void ten_thousand_packed_refs_resolve_and_count_as_git_does() {
        GitCli git = upstream();
        String head = git.run("rev-parse", "feature").strip();
        // A few through update-ref --stdin + pack-refs, as git makes them; the 10,000 written straight into packed-refs
        // in git's own sorted format (10,000 loose refs then pack-refs take a minute on a busy disk). git itself
        // then reads all of them back below, which proves the file well formed.
        StringBuilder refs = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            refs.append("create refs/pull/").append(i).append("/merge ").append(head).append('\n');
        }
        git.runWithInput(refs.toString(), "update-ref", "--stdin");
        git.run("pack-refs", "--all");
        java.util.List<String> packed = new java.util.ArrayList<>(java.util.List.of(
                git.run("for-each-ref", "--format=%(objectname) %(refname)").strip().split("\n")));
        for (int i = 1; i <= 10_000; i++) {
            packed.add(head + " refs/pull/" + i + "/head");
        }
        packed.sort(java.util.Comparator.comparing(line -> line.substring(41)));
        git.write(".git/packed-refs", "# pack-refs with: peeled fully-peeled sorted \n" + String.join("\n", packed) + "\n");
        assertThat(git.run("for-each-ref", "--count=20000", "--format=x", "refs/pull/").lines().count()).isEqualTo(10_003);

        long started = System.nanoTime();
        assertCountsEqualGit(git, git.dir(), "feature", "feature");
        assertCountsEqualGit(git, git.dir(), "feature~2", "feature~2");
        try (GitEvidence evidence = GitEvidence.open(git.dir(), AUTO)) {
            assertThat(evidence.branches()).extracting(BranchInfo::name).containsExactly("feature", "gh-pages", "main");
        }
        assertThat(System.nanoTime() - started).as("nanoseconds for three answers over 10,000 refs").isLessThan(5_000_000_000L);
    }

    @Test
    void a_name_two_remotes_have_is_ambiguous_and_names_both() {
        GitCli source = upstream();
        GitCli parent = new GitCli(dir);
        parent.run("clone", "-q", source.dir().toString(), "clone");
        GitCli clone = new GitCli(dir.resolve("clone"));
        clone.run("remote", "add", "upstream", source.dir().toString());
        clone.run("fetch", "-q", "upstream");

        try (GitEvidence evidence = GitEvidence.open(clone.dir(), AUTO)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> evidence.status("feature"))
                    .isInstanceOf(AmbiguousRevisionException.class)
                    .hasMessageContaining("origin/feature").hasMessageContaining("upstream/feature");
            assertThat(evidence.status("upstream/feature").ahead()).isEqualTo(4);
        }
    }

    @Test
    void merges_back_and_forth_count_as_git_counts_them_for_every_branch_read_at_once() {
        GitCli git = upstream();
        git.run("checkout", "-q", "feature");
        git.run("merge", "-q", "--no-edit", "main");                       // feature takes main in
        git.write("feature.txt", "after merge\n").commitAll("feature after merge");
        git.run("checkout", "-q", "-b", "side", "main~4");
        git.write("side.txt", "side\n").commitAll("side 1");
        git.run("checkout", "-q", "main");
        git.run("merge", "-q", "--no-edit", "side");                        // side merged: 0 ahead
        git.run("checkout", "-q", "side");
        git.run("merge", "-q", "--no-edit", "feature");                     // criss-cross: side takes feature
        git.run("checkout", "-q", "main");

        for (String branch : List.of("feature", "side", "gh-pages")) {
            assertCountsEqualGit(git, git.dir(), branch, branch); // also checks statusOfAll, with git and with JGit
        }
    }
}
