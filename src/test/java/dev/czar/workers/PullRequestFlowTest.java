package dev.czar.workers;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.czar.github.GithubClient;
import dev.czar.github.PullRequestApi;
import dev.czar.github.PullRequestChecks;
import dev.czar.github.PullRequestMerge;
import dev.czar.github.PullRequestPublisher;
import dev.czar.github.PullRequestStore;
import dev.czar.github.PullRequestSummary;
import dev.czar.github.RemoteBranches;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.PullRequestStandIn;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19 end to end: a scripted worker, a real remote (a bare repository on disk) and GitHub stood in by
 * WireMock. Launch, commit, push, gate, draft PR with the task and report, a failing check's summary as the next
 * input, the fix pushed, checks green, squash merge at the verified head, branch deleted, DONE.
 */
class PullRequestFlowTest {
    static final String REPO = PullRequestStandIn.REPO;
    static final String TASK = "Add a login page for issue #19\nagent-mode: commit-fix\nagent-file: login.html\n";

    @TempDir
    Path tmp;
    PullRequestStandIn standIn;
    WireMockServer github;
    Fleet fleet;
    Path bare;
    PullRequestStore prs;

    @BeforeEach
    void setUp() throws Exception {
        standIn = PullRequestStandIn.start("czar/login");
        github = standIn.server();
        GithubClient client = standIn.client(Clock.systemUTC());
        fleet = new Fleet(tmp, Map.of("max-fix-rounds", 2, "auto-merge", true), (f, wiring) -> {
            prs = new PullRequestStore(f.db);
            return wiring.publishing(new PullRequestPublisher(new RemoteBranches(f.repo.git().getRepository(), "origin", Duration.ZERO,
                    Clock.systemUTC()), new PullRequestApi(client), prs, Clock.systemUTC()),
                    new PullRequestMerge(client, prs, "squash", Clock.systemUTC())).ci(new PullRequestChecks(client));
        });
        bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        fleet.repo.git().remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        fleet.repo.git().push().setRemote("origin").add("main").call();
    }

    @AfterEach
    void tearDown() {
        fleet.close();
        standIn.close();
    }

    @Test
    void should_take_a_worker_from_launch_to_a_squash_merged_pull_request_through_a_failing_check() throws Exception {
        // given the first head's checks fail, every later head's pass
        standIn.stubChecksRedThenGreen();

        // when the worker runs, is refused with the failing check, fixes it and passes
        fleet.launch("login", TASK);
        Workstream verified = fleet.await("login", w -> w.state() == WorkstreamState.VERIFYING && w.fixRounds() == 1
                && prs.of("login").map(pr -> pr.state().equals("open")).orElse(false) && ciPassed(), Fleet.PATIENCE,
                "verified with a ready PR");
        String head = fleet.repo.git().getRepository().resolve("czar/login").name();

        // then the draft was opened with the task and the refused report, and the check's details reached the worker
        github.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/pulls"))
                .withRequestBody(matchingJsonPath("$.draft", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.body", containing("Add a login page for issue #19")))
                .withRequestBody(matchingJsonPath("$.body", containing("FAIL ci: checks failed on GitHub")))
                .withRequestBody(matchingJsonPath("$.body", containing("Closes #19"))));
        assertThat(fleet.workers.logTail("login", 200))
                .contains("saw: - check run 4 'build' failure")
                .contains("saw:   LoginTest: 1 of 12 failed")
                .contains("saw:   src/test/java/app/LoginTest.java:42 failure: expected: 401 but was: 200");
        github.verify(patchRequestedFor(urlPathEqualTo(REPO + "/pulls/1347"))
                .withRequestBody(matchingJsonPath("$.body", containing("PASS ci: checks green at " + head.substring(0, 7)))));
        github.verify(1, postRequestedFor(urlPathEqualTo("/graphql")));
        try (Git remote = Git.open(bare.toFile())) {
            assertThat(remote.getRepository().resolve("refs/heads/czar/login").name()).isEqualTo(head);
        }

        assertThat(PullRequestSummary.of(prs.of("login").orElseThrow(), fleet.workers.history().latestGate("login")))
                .isEqualTo(new PullRequestSummary(1347, "https://github.com/octocat/Hello-World/pull/1347", "open", "green"));

        // when an admin merges
        String merged = fleet.workers.merge("login", "alice").line();

        // then GitHub squashed exactly the verified head, the branch is gone and the workstream is DONE
        github.verify(putRequestedFor(urlPathEqualTo(REPO + "/pulls/1347/merge"))
                .withRequestBody(matchingJsonPath("$.merge_method", equalTo("squash")))
                .withRequestBody(matchingJsonPath("$.sha", equalTo(head))));
        github.verify(deleteRequestedFor(urlPathEqualTo(REPO + "/git/refs/heads/czar/login")));
        assertThat(merged).isEqualTo("Merged login: squash-merged pull request #1347"
                + " (https://github.com/octocat/Hello-World/pull/1347) at verified head " + head.substring(0, 7)
                + " as 6dcb09b5b57875f334f61aebed695e2e4193db5e; branch czar/login deleted; confirmed by alice. DONE.");
        assertThat(fleet.workers.find("login").orElseThrow().state()).isEqualTo(WorkstreamState.DONE);
        assertThat(prs.of("login").orElseThrow().state()).isEqualTo("merged");
        assertThat(verified.fixRounds()).isEqualTo(1);
        printEvidence(merged);
    }

    /** What docs/EVIDENCE.md shows: the PR body GitHub received, what the worker saw in its fix round, the merge. */
    private void printEvidence(String merged) {
        github.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals("POST") && r.getUrl().equals(REPO + "/pulls")).findFirst()
                .ifPresent(r -> System.out.println("== POST " + r.getUrl() + " body ==\n" + r.getBodyAsString()));
        System.out.println("== worker log (fix round) ==\n" + fleet.workers.logTail("login", 60).lines()
                .filter(l -> l.startsWith("saw:") || l.startsWith("scripted agent") || l.startsWith("committed"))
                .collect(java.util.stream.Collectors.joining("\n")));
        System.out.println("== czar merge login ==\n" + merged);
        fleet.workers.history().events("login", 20).forEach(e -> System.out.println("event: " + e.to() + " " + e.reason()));
    }

    @Test
    void should_refuse_to_merge_without_calling_github_when_the_local_branch_moved_after_the_gate() {
        // given a verified workstream whose branch got one more commit after the gate checked it
        standIn.stubChecksGreen();
        fleet.launch("login", TASK.replace("commit-fix", "commit"));
        fleet.await("login", w -> w.state() == WorkstreamState.VERIFYING
                && prs.of("login").map(pr -> pr.state().equals("open")).orElse(false) && ciPassed(), Fleet.PATIENCE,
                "verified with a ready PR");
        String checked = fleet.workers.headOf("czar/login").orElseThrow();
        GitProcess.run(fleet.workers.supervisor().copies().dirOf("login"), "-c", "user.name=late", "-c",
                "user.email=late@example.com", "commit", "--allow-empty", "-qm", "one more thing");
        String moved = fleet.workers.headOf("czar/login").orElseThrow();

        // when / then
        assertThatThrownBy(() -> fleet.workers.merge("login", "alice")).isInstanceOf(WorkerException.class)
                .hasMessage("czar/login moved to " + moved.substring(0, 7) + " after the gate checked "
                        + checked.substring(0, 7) + "; wait for the gate to check the new head, then merge");
        github.verify(0, putRequestedFor(urlPathMatching(REPO + "/pulls/.*/merge")));
    }

    @Test
    void should_refuse_to_merge_when_the_head_moved_on_github_after_the_gate() {
        // given a verified workstream whose pull request head moved on GitHub
        standIn.stubChecksGreen();
        fleet.launch("login", TASK.replace("commit-fix", "commit"));
        fleet.await("login", w -> w.state() == WorkstreamState.VERIFYING
                && prs.of("login").map(pr -> pr.state().equals("open")).orElse(false), Fleet.PATIENCE, "verified with a ready PR");
        github.stubFor(put(urlPathEqualTo(REPO + "/pulls/1347/merge")).willReturn(json(Fixtures.read("github/pulls.merge.409.json"), 409)));

        // when / then
        assertThatThrownBy(() -> fleet.workers.merge("login", "alice")).isInstanceOf(WorkerException.class)
                .hasMessageStartingWith("pull request #1347's head moved after the gate verified ")
                .hasMessageEndingWith("(GitHub: \"Head branch was modified. Review and try the merge again.\"); wait for the"
                        + " gate to check the new head");
        assertThat(fleet.workers.find("login").orElseThrow().state()).isEqualTo(WorkstreamState.VERIFYING);
        github.verify(0, deleteRequestedFor(urlPathMatching(REPO + "/git/refs/.*")));
    }

    private static ResponseDefinitionBuilder json(String body, int status) {
        return PullRequestStandIn.json(body, status);
    }

    /** The gate's verdict is stored (the PR is marked ready on the gate's thread, a moment before). */
    private boolean ciPassed() {
        return fleet.workers.history().latestGate("login").stream()
                .anyMatch(i -> i.item().equals("ci") && i.status() == GateItem.Status.PASS);
    }
}
