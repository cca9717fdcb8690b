package dev.czar.workers;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.DONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * czar's own merge of a verified branch ({@code workers.unsafe.auto-merge}): real scripted workers, a real temp
 * repository with main checked out in its own working tree, and the real gate that must then see the merge.
 */
class ConfirmedMergeTest {
    private static final dev.czar.evidence.git.GitExecutable GIT = dev.czar.evidence.git.GitExecutable.onPath().orElseThrow();
    private static final String TASK = "Implement the feature\nagent-mode: commit\nagent-file: work/feat.txt\n";

    @TempDir
    Path tmp;
    Fleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** Launches {@code feat} and waits until its gate passed everything but the merge. */
    private String verified(Map<String, Object> config) {
        fleet = new Fleet(tmp, config);
        fleet.launch("feat", TASK);
        fleet.await("feat", ws -> ws.state() == WorkstreamState.VERIFYING
                && fleet.workers.history().latestGate("feat").stream().anyMatch(i -> i.status() == GateItem.Status.WAIT),
                Duration.ofSeconds(30), "verified and waiting for its merge");
        return fleet.workers.headOf("main").orElseThrow();
    }

    @Test
    void should_return_the_merge_commit_it_wrote_as_the_actions_evidence() {
        // given
        verified(Map.of("auto-merge", true));

        // when
        WorkerAction merged = fleet.workers.merge("feat", "U0ADMIN");

        // then
        String mainAfter = fleet.workers.headOf("main").orElseThrow();
        assertThat(merged.outcome()).isEqualTo(WorkerAction.Outcome.CHANGED);
        assertThat(merged.evidence()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("git");
            assertThat(e.ref()).isEqualTo(mainAfter);
            assertThat(e.detail()).isEqualTo("merge of czar/feat into main");
        });
    }

    @Test
    void should_merge_with_a_merge_commit_of_main_and_the_verified_head_and_then_reach_done() throws Exception {
        // given
        String mainBefore = verified(Map.of("auto-merge", true));
        String head = fleet.workers.headOf("czar/feat").orElseThrow();

        // when
        String answer = fleet.workers.merge("feat", "U0ADMIN").line();

        // then
        String mainAfter = fleet.workers.headOf("main").orElseThrow();
        try (RevWalk walk = new RevWalk(fleet.repo.git().getRepository())) {
            RevCommit merge = walk.parseCommit(fleet.repo.git().getRepository().resolve(mainAfter));
            assertThat(Arrays.stream(merge.getParents()).map(RevCommit::name)).containsExactly(mainBefore, head);
            assertThat(merge.getFullMessage()).startsWith("Merge branch 'czar/feat' into main").contains("confirmed by U0ADMIN");
        }
        assertThat(answer).startsWith("Merged feat: merged czar/feat (head " + head.substring(0, 7) + ") into main as "
                + mainAfter.substring(0, 7));
        // main is checked out and was clean: its files follow the merge, so it is not left stale
        assertThat(Files.readString(fleet.repo.dir().resolve("work/feat.txt"))).isEqualTo("implemented by feat\n");
        assertThat(fleet.repo.git().status().call().isClean()).isTrue();
        Workstream done = fleet.await("feat", DONE);
        assertThat(done.reason()).contains("PASS merged: head " + head.substring(0, 7) + " is reachable from main");
    }

    @Test
    void should_refuse_when_auto_merge_is_off() {
        // given
        String mainBefore = verified(Map.of());

        // when / then
        assertThatThrownBy(() -> fleet.workers.merge("feat", "U0ADMIN")).isInstanceOf(WorkerException.class)
                .hasMessage("czar does not merge: workers.unsafe.auto-merge is off in config/czar.yaml; merge czar/feat yourself");
        assertThat(fleet.workers.headOf("main")).contains(mainBefore);
    }

    @Test
    void should_refuse_when_the_branch_moved_after_the_gate_checked_it() throws Exception {
        // given the worker's copy gets another commit the gate has not seen
        String mainBefore = verified(Map.of("auto-merge", true));
        String checked = fleet.workers.headOf("czar/feat").orElseThrow();
        Path copy = fleet.home.resolve("worktrees/feat");
        Files.writeString(copy.resolve("work/late.txt"), "late\n");
        GIT.run(copy, "add", "work/late.txt");
        GIT.run(copy, "-c", "user.name=late", "-c", "user.email=late@example.com", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", "late change");
        String moved = fleet.workers.headOf("czar/feat").orElseThrow();

        // when / then
        assertThatThrownBy(() -> fleet.workers.merge("feat", "U0ADMIN")).isInstanceOf(WorkerException.class)
                .hasMessage("czar/feat moved to " + moved.substring(0, 7) + " after the gate checked " + checked.substring(0, 7)
                        + "; wait for the gate to check the new head, then merge");
        assertThat(fleet.workers.headOf("main")).contains(mainBefore);
    }

    @Test
    void should_refuse_when_main_now_conflicts_with_the_branch() {
        // given main changed the same file after the gate ran
        verified(Map.of("auto-merge", true));
        String mainMoved = fleet.repo.commit("someone else's feat", Map.of("work/feat.txt", "a different feat\n"));

        // when / then
        assertThatThrownBy(() -> fleet.workers.merge("feat", "U0ADMIN")).isInstanceOf(WorkerException.class)
                .hasMessage("czar/feat now conflicts with main at " + mainMoved.substring(0, 7) + " in work/feat.txt;"
                        + " nothing was merged");
        assertThat(fleet.workers.headOf("main")).contains(mainMoved);
    }

    @Test
    void should_refuse_when_the_checked_out_main_has_uncommitted_changes_and_name_the_git_command() throws Exception {
        // given
        String mainBefore = verified(Map.of("auto-merge", true));
        Files.writeString(fleet.repo.dir().resolve("README.md"), "edited, not committed\n");

        // when / then
        assertThatThrownBy(() -> fleet.workers.merge("feat", "U0ADMIN")).isInstanceOf(WorkerException.class)
                .hasMessageContaining("main is checked out in " + fleet.repo.dir().toRealPath())
                .hasMessageEndingWith("with uncommitted changes (README.md); commit or stash them, or run"
                        + " 'git merge --no-ff czar/feat' there yourself");
        assertThat(fleet.workers.headOf("main")).contains(mainBefore);
        assertThat(Files.readString(fleet.repo.dir().resolve("README.md"))).isEqualTo("edited, not committed\n");
    }

    @Test
    void should_only_move_the_main_ref_when_main_is_not_checked_out() throws Exception {
        // given the repository's own checkout is on another branch
        String mainBefore = verified(Map.of("auto-merge", true));
        fleet.repo.branch("elsewhere");

        // when
        fleet.workers.merge("feat", "U0ADMIN");

        // then
        String mainAfter = fleet.workers.headOf("main").orElseThrow();
        assertThat(mainAfter).isNotEqualTo(mainBefore);
        assertThat(fleet.repo.git().getRepository().getFullBranch()).isEqualTo(Constants.R_HEADS + "elsewhere");
        assertThat(fleet.repo.dir().resolve("work/feat.txt")).doesNotExist();
        assertThat(fleet.repo.git().status().call().isClean()).isTrue();
    }

    @Test
    void should_refuse_when_main_is_checked_out_in_another_worktree() throws Exception {
        // given
        String mainBefore = verified(Map.of("auto-merge", true));
        fleet.repo.branch("elsewhere");
        Path other = tmp.resolve("main-checkout");
        GIT.run(fleet.repo.dir(), "worktree", "add", other.toString(), "main");

        // when / then
        assertThatThrownBy(() -> fleet.workers.merge("feat", "U0ADMIN")).isInstanceOf(WorkerException.class)
                .hasMessage("main is checked out in " + other.toRealPath() + ", which czar does not update; run"
                        + " 'git merge --no-ff czar/feat' there");
        assertThat(fleet.workers.headOf("main")).contains(mainBefore);
    }

    @Test
    void should_refuse_a_workstream_whose_gate_has_not_passed() {
        // given
        fleet = new Fleet(tmp, Map.of("auto-merge", true));
        fleet.launch("idle", "Implement the thing\nagent-mode: hang\n");
        fleet.await("idle", WorkstreamState.RUNNING);

        // when / then
        assertThatThrownBy(() -> fleet.workers.merge("idle", "U0ADMIN")).isInstanceOf(WorkerException.class)
                .hasMessageStartingWith("idle is running; czar merges only a workstream that passed every other");
        assertThat(List.of(fleet.workers.all().get(0).state())).containsExactly(WorkstreamState.RUNNING);
    }
}
