package dev.czar.workers;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.czar.config.CiConfig;
import dev.czar.github.GithubClient;
import dev.czar.github.PullRequestApi;
import dev.czar.github.PullRequestChecks;
import dev.czar.github.PullRequestMerge;
import dev.czar.github.PullRequestPublisher;
import dev.czar.github.PullRequestStore;
import dev.czar.github.PullRequestSummary;
import dev.czar.github.RemoteBranches;
import dev.czar.testsupport.Fixtures;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19 end to end: a scripted worker, a real remote (a bare repository on disk) and GitHub stood in by
 * WireMock. Launch, commit, push, gate, draft PR with the task and report, a failing check's summary as the next
 * input, the fix pushed, checks green, squash merge at the verified head, branch deleted, DONE.
 */
class PullRequestFlowTest {
    static final String REPO = "/repos/octocat/Hello-World";
    static final String TASK = "Add a login page for issue #19\nagent-mode: commit-fix\nagent-file: login.html\n";

    @TempDir
    Path tmp;
    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    Fleet fleet;
    Path bare;
    PullRequestStore prs;

    @BeforeEach
    void setUp() throws Exception {
        github.start();
        fleet = new Fleet(tmp, Map.of("max-fix-rounds", 2, "auto-merge", true));
        bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        fleet.repo.git().remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        fleet.repo.git().push().setRemote("origin").add("main").call();
        GithubClient client = new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", github.baseUrl(), 5, 2),
                "ghp_fake_token_for_tests_only", Clock.systemUTC(),
                new GithubClient.Resilience(2, Duration.ofMillis(5), 10, Duration.ofMinutes(1)));
        prs = new PullRequestStore(fleet.db);
        fleet.workers.publishWith(new PullRequestPublisher(new RemoteBranches(fleet.repo.dir(), "origin", Duration.ZERO,
                Clock.systemUTC()), new PullRequestApi(client), prs, Clock.systemUTC()));
        fleet.workers.checkCiWith(new PullRequestChecks(client));
        fleet.workers.mergeThrough(new PullRequestMerge(client, prs, "squash", Clock.systemUTC()));
        stubPullRequests();
    }

    @AfterEach
    void tearDown() {
        fleet.close();
        github.stop();
    }

    @Test
    void should_take_a_worker_from_launch_to_a_squash_merged_pull_request_through_a_failing_check() throws Exception {
        // given the first head's checks fail, every later head's pass
        stubChecksRedThenGreen();

        // when the worker runs, is refused with the failing check, fixes it and passes
        fleet.launch("login", TASK);
        Workstream verified = fleet.await("login", w -> w.state() == WorkstreamState.VERIFYING && w.fixRounds() == 1
                && prs.of("login").map(pr -> pr.state().equals("open")).orElse(false), Fleet.PATIENCE, "verified with a ready PR");
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

        assertThat(PullRequestSummary.of(prs.of("login").orElseThrow(), fleet.workers.store().latestGate("login")))
                .isEqualTo(new PullRequestSummary(1347, "https://github.com/octocat/Hello-World/pull/1347", "open", "green"));

        // when an admin merges
        String merged = fleet.workers.merge("login", "alice");

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
        fleet.workers.store().events("login", 20).forEach(e -> System.out.println("event: " + e.to() + " " + e.reason()));
    }

    @Test
    void should_refuse_to_merge_when_the_head_moved_on_github_after_the_gate() {
        // given a verified workstream whose pull request head moved on GitHub
        stubChecks(Scenario.STARTED, null, "success", "All good", "12 tests passed", 0);
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

    private void stubPullRequests() {
        String created = Fixtures.read("github/pulls.create.json", Map.of("title", "Add a login page", "body", "…", "head", "0".repeat(40)));
        github.stubFor(get(urlPathEqualTo(REPO + "/pulls")).willReturn(json("[]", 200)));
        github.stubFor(post(urlPathEqualTo(REPO + "/pulls")).willReturn(json(created, 201)));
        github.stubFor(patch(urlPathEqualTo(REPO + "/pulls/1347")).willReturn(json(created, 200)));
        github.stubFor(post(urlPathEqualTo("/graphql")).willReturn(json(Fixtures.read("github/graphql.mark-ready.json"), 200)));
        github.stubFor(get(urlPathMatching(REPO + "/commits/.*/status")).willReturn(json(Fixtures.read(
                "github/combined-status.empty.json", Map.of("head", "0".repeat(40))), 200)));
        github.stubFor(get(urlPathEqualTo(REPO + "/check-runs/4/annotations")).willReturn(json(Fixtures.read("github/check-runs.annotations.json"), 200)));
        github.stubFor(get(urlPathEqualTo(REPO + "/actions/jobs/4/logs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(Fixtures.read("github/actions.job-logs.txt"))));
        github.stubFor(put(urlPathEqualTo(REPO + "/pulls/1347/merge")).willReturn(json(Fixtures.read("github/pulls.merge.200.json"), 200)));
        github.stubFor(delete(urlPathEqualTo(REPO + "/git/refs/heads/czar/login")).willReturn(aResponse().withStatus(204)));
    }

    private void stubChecksRedThenGreen() {
        stubChecks(Scenario.STARTED, "green", "failure", "1 test failed", "LoginTest: 1 of 12 failed", 1);
        stubChecks("green", null, "success", "All good", "12 tests passed", 0);
    }

    private void stubChecks(String state, String next, String conclusion, String title, String summary, int annotations) {
        String body = Fixtures.read("github/check-runs.list.json", Map.of("head", "0".repeat(40), "status", "completed",
                "conclusion", conclusion, "title", title, "summary", summary, "annotations", String.valueOf(annotations)));
        var stub = get(urlPathMatching(REPO + "/commits/.*/check-runs")).inScenario("checks").whenScenarioStateIs(state)
                .willReturn(json(body, 200));
        github.stubFor(next == null ? stub : stub.willSetStateTo(next));
    }

    private static ResponseDefinitionBuilder json(String body, int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
