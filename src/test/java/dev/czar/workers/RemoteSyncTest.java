package dev.czar.workers;

import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.MutableClock;
import dev.czar.testsupport.TempGitRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * issue 19, remote sync: the supervised repository's remote (a bare repository on disk) is fetched at most once per
 * interval, a failed fetch is reported with its age while the last view stays, worker branches start from the
 * remote's main, and a branch counts as merged once the remote's main has it.
 */
class RemoteSyncTest {
    static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path tmp;
    Fleet fleet;
    TempGitRepo other;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
        if (other != null) {
            other.close();
        }
    }

    /** The fleet's repository with a bare 'origin', and another clone of it that pushes to its main meanwhile. */
    private Path remoteFor(Fleet fleet) throws Exception {
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        fleet.repo.git().remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        fleet.repo.git().push().setRemote("origin").add("main").call();
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(tmp.resolve("other").toFile()).call().close();
        other = TempGitRepo.open(tmp.resolve("other"));
        return bare;
    }

    private String pushFromElsewhere(String file) throws Exception {
        String sha = other.commit("teammate: " + file, Map.of(file, "from a teammate\n"));
        other.git().push().setRemote("origin").add("main").call();
        return sha;
    }

    private String originMain() throws Exception {
        var ref = fleet.repo.git().getRepository().exactRef("refs/remotes/origin/main");
        return ref == null ? null : ref.getObjectId().name();
    }

    @Test
    void should_fetch_at_most_once_per_interval() throws Exception {
        // given
        fleet = new Fleet(tmp, Map.of());
        remoteFor(fleet);
        MutableClock clock = new MutableClock(T0);
        RemoteSync sync = new RemoteSync(fleet.repo.git().getRepository(), "origin", Duration.ofSeconds(60), clock);
        String first = pushFromElsewhere("a.txt");

        // when / then: the first call fetches, a second within the interval does not, one after it does
        assertThat(sync.fetchIfDue()).isTrue();
        assertThat(originMain()).isEqualTo(first);
        String second = pushFromElsewhere("b.txt");
        clock.advance(Duration.ofSeconds(59));
        assertThat(sync.fetchIfDue()).isFalse();
        assertThat(originMain()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sync.fetchIfDue()).isTrue();
        assertThat(originMain()).isEqualTo(second);
        assertThat(sync.lastSuccess()).contains(T0.plusSeconds(60));
        assertThat(sync.staleness()).isEmpty();
    }

    @Test
    void should_report_a_failed_fetch_with_its_age_and_keep_what_was_fetched_last() throws Exception {
        // given a fetch that worked, then a remote that went away
        fleet = new Fleet(tmp, Map.of());
        Path bare = remoteFor(fleet);
        MutableClock clock = new MutableClock(T0);
        RemoteSync sync = new RemoteSync(fleet.repo.git().getRepository(), "origin", Duration.ofSeconds(60), clock);
        String known = pushFromElsewhere("a.txt");
        sync.fetchIfDue();
        Files.move(bare, tmp.resolve("moved.git"));

        // when
        clock.advance(Duration.ofMinutes(2));
        assertThat(sync.fetchIfDue()).isTrue();
        clock.advance(Duration.ofMinutes(10));

        // then the failure is one line with the age of the last good view, which is still there
        assertThat(sync.staleness()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("remote origin last fetched 12 min ago: git fetch failed: ")
                .doesNotContain("\n"));
        assertThat(sync.lastFailure()).hasValueSatisfying(f -> assertThat(f.at()).isEqualTo(T0.plusSeconds(120)));
        assertThat(originMain()).isEqualTo(known);

        // when the remote is back, the next due fetch clears it
        Files.move(tmp.resolve("moved.git"), bare);
        assertThat(sync.fetchIfDue()).isTrue();
        assertThat(sync.staleness()).isEmpty();
    }

    @Test
    void should_not_fetch_a_repository_without_that_remote() {
        // given
        fleet = new Fleet(tmp, Map.of());
        RemoteSync sync = new RemoteSync(fleet.repo.git().getRepository(), "origin", Duration.ZERO, Clock.systemUTC());

        // when / then
        assertThat(sync.configured()).isFalse();
        assertThat(sync.fetchIfDue()).isFalse();
        assertThat(sync.staleness()).isEmpty();
    }

    @Test
    void should_start_a_worker_branch_from_the_remote_main_and_count_it_merged_once_the_remote_main_has_it() throws Exception {
        // given a teammate pushed to the remote's main, which the local main does not have
        fleet = new Fleet(tmp, Map.of(),
                (f, wiring) -> wiring.remote(new RemoteSync(f.repo.git().getRepository(), "origin", Duration.ZERO, Clock.systemUTC())));
        remoteFor(fleet);
        String localMain = fleet.repo.git().getRepository().resolve("main").name();
        String remoteMain = pushFromElsewhere("teammate.txt");

        // when a worker runs and claims done
        fleet.launch("feature", "Add the feature\nagent-mode: commit\nagent-file: feature.txt\n");
        Workstream verified = fleet.await("feature", w -> w.state() == WorkstreamState.VERIFYING
                && !fleet.workers.history().latestGate("feature").isEmpty(), Fleet.PATIENCE, "verified");

        // then its branch started from the remote's main and the gate compared it with origin/main
        assertThat(verified.baseSha()).isEqualTo(remoteMain).isNotEqualTo(localMain);
        assertThat(Files.readString(fleet.workers.supervisor().copies().dirOf("feature").resolve("teammate.txt")))
                .isEqualTo("from a teammate\n");
        assertThat(fleet.workers.history().latestGate("feature")).anySatisfy(i ->
                assertThat(i.line()).startsWith("PASS conflicts: merges cleanly with origin/main at " + remoteMain.substring(0, 7)));

        // when the branch lands on the remote's main (merged on GitHub), not on the local main
        String head = fleet.workers.headOf("czar/feature").orElseThrow();
        fleet.repo.git().push().setRemote("origin").add("czar/feature:main").call();
        Workstream done = fleet.await("feature", WorkstreamState.DONE);

        // then
        assertThat(fleet.repo.git().getRepository().resolve("main").name()).isEqualTo(localMain);
        assertThat(done.reason()).contains("PASS merged: head " + head.substring(0, 7) + " is reachable from origin/main at "
                + head.substring(0, 7));
    }

    @Test
    void should_start_a_jgit_clone_working_copy_from_the_remote_main_too() throws Exception {
        // given working copies cloned with JGit (no git executable needed), and a teammate's push to the remote
        fleet = new Fleet(tmp, Map.of("working-copies", "jgit-clone"),
                (f, wiring) -> wiring.remote(new RemoteSync(f.repo.git().getRepository(), "origin", Duration.ZERO, Clock.systemUTC())));
        remoteFor(fleet);
        String remoteMain = pushFromElsewhere("teammate.txt");

        // when
        fleet.launch("feature", "Add the feature\nagent-mode: commit\nagent-file: feature.txt\n");
        Workstream verified = fleet.await("feature", w -> w.state() == WorkstreamState.VERIFYING
                && !fleet.workers.history().latestGate("feature").isEmpty(), Fleet.PATIENCE, "verified");

        // then the clone started at the remote's main, which the supervised repository knew only as origin/main
        assertThat(verified.baseSha()).isEqualTo(remoteMain);
        assertThat(fleet.workers.supervisor().copies().dirOf("feature").resolve("teammate.txt")).exists();
        assertThat(fleet.workers.history().latestGate("feature")).anySatisfy(i ->
                assertThat(i.line()).startsWith("PASS commits: 1 commit(s) on czar/feature since " + remoteMain.substring(0, 7)));
    }

    @Test
    void should_answer_from_the_last_view_and_say_how_old_it_is_when_the_remote_cannot_be_fetched() throws Exception {
        // given a repository whose remote is unreachable
        Path repo = tmp.resolve("repo");
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("README.md", "# shop\n"));
            git.git().remoteAdd().setName("origin").setUri(new URIish(tmp.resolve("gone.git").toUri().toString())).call();
        }

        // when
        CliRun run = CliRun.run(Map.of(), new MutableClock(T0), "--repo", repo.toString(), "--home",
                tmp.resolve("home").toString(), "ask", "which branches are there?");

        // then the answer is there, and its last line says the remote could not be fetched
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("main").contains("(remote origin not fetched since czar started (last try 0 s ago):"
                + " git fetch failed: ");
    }
}
