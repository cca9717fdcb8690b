package dev.czar.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.czar.config.CiConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.MutableClock;
import dev.czar.testsupport.TempGitRepo;
import dev.czar.workers.DoneGate;
import dev.czar.workers.GateItem;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamState;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Push to a real remote (a bare repository on disk) and a pull request on GitHub's REST API (WireMock). */
class PullRequestPublisherTest {
    static final String PULLS = "/repos/octocat/Hello-World/pulls";
    static final String TASK = "Add a login page\n\nThe form posts to /login. Fixes issue #19.";

    @TempDir
    Path tmp;
    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    final Database db = MemoryDatabase.open();
    TempGitRepo repo;
    Path bare;
    RemoteBranches remote;
    PullRequestPublisher publisher;
    PullRequestPublisher threadLinkingPublisher;
    PullRequestStore store;

    @BeforeEach
    void setUp() throws Exception {
        github.start();
        bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("base", Map.of("README.md", "# app\n"));
        repo.git().remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        repo.git().push().setRemote("origin").add("main").call();
        repo.branch("czar/login").checkout("czar/login");
        repo.commit("login page", Map.of("login.html", "<form action=/login>"));
        remote = new RemoteBranches(repo.git().getRepository(), "origin", Duration.ofHours(1), clock);
        GithubClient client = new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", github.baseUrl(), 5, 2),
                "ghp_fake_token_for_tests_only", clock, new GithubClient.Resilience(2, Duration.ofMillis(5), 10, Duration.ofMinutes(1)));
        store = new PullRequestStore(db);
        publisher = new PullRequestPublisher(remote, new PullRequestApi(client), store, clock);
        threadLinkingPublisher = new PullRequestPublisher(remote, new PullRequestApi(client), store, clock,
                "https://acme.slack.com/");
    }

    @AfterEach
    void tearDown() {
        github.stop();
        repo.close();
        db.close();
    }

    @Test
    void should_push_the_branch_then_open_a_draft_with_the_task_and_report_and_mark_it_ready_when_only_the_merge_waits() throws Exception {
        // given
        String head = repo.git().getRepository().resolve("czar/login").name();
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(json("[]", 200)));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(json(created(head), 201)));
        github.stubFor(post(urlPathEqualTo("/graphql")).willReturn(json(Fixtures.read("github/graphql.mark-ready.json"), 200)));

        // when
        publisher.beforeGate(workstream());
        publisher.afterGate(workstream(), "main", passedButMerge(head));

        // then the remote has the branch at the checked head
        try (Git bareGit = Git.open(bare.toFile())) {
            assertThat(bareGit.getRepository().resolve("refs/heads/czar/login").name()).isEqualTo(head);
        }
        github.verify(postRequestedFor(urlPathEqualTo(PULLS))
                .withRequestBody(matchingJsonPath("$.draft", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.head", equalTo("czar/login")))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Add a login page")))
                .withRequestBody(matchingJsonPath("$.body", containing("The form posts to /login.")))
                .withRequestBody(matchingJsonPath("$.body", containing("PASS verify")))
                .withRequestBody(matchingJsonPath("$.body", containing("Closes #19"))));
        github.verify(postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.id", equalTo("MDExOlB1bGxSZXF1ZXN0MQ=="))));
        assertThat(store.of("login")).get().extracting(PullRequestStore.PullRequest::number, PullRequestStore.PullRequest::state,
                PullRequestStore.PullRequest::headSha).containsExactly(1347, "open", head);
    }

    @Test
    void should_link_the_workstreams_slack_thread_in_the_body() throws Exception {
        // given a workstream launched in a Slack thread
        String head = repo.git().getRepository().resolve("czar/login").name();
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(json("[]", 200)));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(json(created(head), 201)));
        Workstream inThread = workstream();
        inThread = new Workstream(inThread.name(), inThread.task(), 0, null, inThread.branch(), null, inThread.state(), 0, 0, 0,
                "U0ALICE", "C0ENGAGENTS", "1764250000.000100", null, null, null, 0, null, null, null, inThread.createdAt(),
                inThread.updatedAt(), null);
        DoneGate.Report refused = new DoneGate.Report(head, List.of(GateItem.fail("ci", "check run 4 'build' failed")));

        // when
        threadLinkingPublisher.afterGate(inThread, "main", refused);

        // then
        github.verify(postRequestedFor(urlPathEqualTo(PULLS)).withRequestBody(matchingJsonPath("$.body",
                containing("Slack thread: https://acme.slack.com/archives/C0ENGAGENTS/p1764250000000100"))));
    }

    @Test
    void should_update_the_same_pull_request_on_a_later_round_and_keep_a_refused_one_a_draft() throws Exception {
        // given a pull request czar opened earlier
        String head = repo.git().getRepository().resolve("czar/login").name();
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(json("[]", 200)));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(json(created(head), 201)));
        github.stubFor(patch(urlPathEqualTo(PULLS + "/1347")).willReturn(json(created(head), 200)));
        DoneGate.Report refused = new DoneGate.Report(head, List.of(GateItem.pass("commits", "1 commit(s)"),
                GateItem.fail("ci", "check run 4 'build' failed: 2 tests failed")));
        publisher.afterGate(workstream(), "main", refused);

        // when
        publisher.afterGate(workstream(), "main", refused);

        // then
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
        github.verify(patchRequestedFor(urlPathEqualTo(PULLS + "/1347"))
                .withRequestBody(matchingJsonPath("$.body", containing("FAIL ci: check run 4 'build' failed"))));
        github.verify(0, postRequestedFor(urlPathEqualTo("/graphql")));
        assertThat(store.of("login")).get().extracting(PullRequestStore.PullRequest::state).isEqualTo("draft");
    }

    @Test
    void should_never_overwrite_a_push_czar_has_not_seen() throws Exception {
        // given czar fetched, then someone else pushed to the same branch on the remote
        remote.fetchIfDue();
        remote.push("czar/login");
        Path other = tmp.resolve("other");
        try (Git clone = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(other.toFile())
                .setBranch("czar/login").call()) {
            java.nio.file.Files.writeString(other.resolve("theirs.txt"), "not czar's\n");
            clone.add().addFilepattern(".").call();
            clone.commit().setMessage("someone else's fix").setAuthor("Bob", "bob@example.com")
                    .setCommitter("Bob", "bob@example.com").call();
            clone.push().call();
        }
        repo.git().commit().setAmend(true).setMessage("login page, rewritten").call();

        // when / then the lease on the head czar last saw refuses
        assertThatThrownBy(() -> remote.push("czar/login")).isInstanceOf(dev.czar.workers.GitProcess.GitFailure.class)
                .hasMessageContaining("stale info");
    }

    @Test
    void should_never_delete_a_branch_that_is_not_czars() {
        assertThatThrownBy(() -> remote.delete("main")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("czar deletes only its own czar/* branches, not main");
    }

    private static String created(String head) {
        return Fixtures.read("github/pulls.create.json", Map.of("title", "Add a login page", "body", "…", "head", head));
    }

    private static DoneGate.Report passedButMerge(String head) {
        return new DoneGate.Report(head, List.of(GateItem.pass("commits", "1 commit(s) on czar/login"),
                GateItem.pass("verify", "'./mvnw -q test' exited 0"), GateItem.pass("ci", "2 check run(s) green"),
                new GateItem("merged", GateItem.Status.WAIT, "not merged into main yet")));
    }

    private static Workstream workstream() {
        Instant now = Instant.parse("2026-12-07T09:00:00Z");
        return new Workstream("login", TASK, 0, null, "czar/login", null, WorkstreamState.VERIFYING, 0, 0, 0, "alice",
                null, null, null, null, null, 0, null, null, null, now, now, null);
    }

    private static ResponseDefinitionBuilder json(String body, int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
