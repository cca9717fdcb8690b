package dev.czar.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.czar.config.CiConfig;
import dev.czar.github.GithubClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * GitHub's REST API for one pull request of {@code octocat/Hello-World} on 127.0.0.1 (WireMock, answers from the
 * OpenAPI-shaped fixtures under {@code fixtures/github/}): list/open/update pulls, mark ready (GraphQL), check runs and
 * combined status of any head, annotations and the job log of check run 4, merge of pull 1347 and deletion of the
 * workstream's branch. Checks are stubbed separately, so each test says whether they are red, green or both in turn.
 */
public final class PullRequestStandIn implements AutoCloseable {
    public static final String REPO = "/repos/octocat/Hello-World";
    public static final String TOKEN = "ghp_fake_token_for_tests_only";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private PullRequestStandIn() {
    }

    /** Started, with the pull request endpoints for {@code branch} stubbed. */
    public static PullRequestStandIn start(String branch) {
        PullRequestStandIn standIn = new PullRequestStandIn();
        standIn.server.start();
        standIn.stubPullRequests(branch);
        return standIn;
    }

    public WireMockServer server() {
        return server;
    }

    /** czar's one GitHub client, pointed here with a fake token and quick retries. */
    public GithubClient client(Clock clock) {
        return new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", server.baseUrl(), 5, 2), TOKEN, clock,
                new GithubClient.Resilience(2, Duration.ofMillis(5), 10, Duration.ofMinutes(1)));
    }

    private void stubPullRequests(String branch) {
        String created = Fixtures.read("github/pulls.create.json", Map.of("title", "Add a login page", "body", "…", "head", "0".repeat(40)));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls")).willReturn(json("[]", 200)));
        server.stubFor(post(urlPathEqualTo(REPO + "/pulls")).willReturn(json(created, 201)));
        server.stubFor(patch(urlPathEqualTo(REPO + "/pulls/1347")).willReturn(json(created, 200)));
        server.stubFor(post(urlPathEqualTo("/graphql")).willReturn(json(Fixtures.read("github/graphql.mark-ready.json"), 200)));
        server.stubFor(get(urlPathMatching(REPO + "/commits/.*/status")).willReturn(json(Fixtures.read(
                "github/combined-status.empty.json", Map.of("head", "0".repeat(40))), 200)));
        server.stubFor(get(urlPathEqualTo(REPO + "/check-runs/4/annotations")).willReturn(json(Fixtures.read("github/check-runs.annotations.json"), 200)));
        server.stubFor(get(urlPathEqualTo(REPO + "/actions/jobs/4/logs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(Fixtures.read("github/actions.job-logs.txt"))));
        server.stubFor(put(urlPathEqualTo(REPO + "/pulls/1347/merge")).willReturn(json(Fixtures.read("github/pulls.merge.200.json"), 200)));
        server.stubFor(delete(urlPathEqualTo(REPO + "/git/refs/heads/" + branch)).willReturn(aResponse().withStatus(204)));
    }

    /** The first head's checks fail ('build': LoginTest 1 of 12 failed, one annotation, a job log); every later one passes. */
    public void stubChecksRedThenGreen() {
        stubChecks(Scenario.STARTED, "green", "failure", "1 test failed", "LoginTest: 1 of 12 failed", 1);
        stubChecks("green", null, "success", "All good", "12 tests passed", 0);
    }

    /** Every head's checks pass. */
    public void stubChecksGreen() {
        stubChecks(Scenario.STARTED, null, "success", "All good", "12 tests passed", 0);
    }

    private void stubChecks(String state, String next, String conclusion, String title, String summary, int annotations) {
        String body = Fixtures.read("github/check-runs.list.json", Map.of("head", "0".repeat(40), "status", "completed",
                "conclusion", conclusion, "title", title, "summary", summary, "annotations", String.valueOf(annotations)));
        var stub = get(urlPathMatching(REPO + "/commits/.*/check-runs")).inScenario("checks").whenScenarioStateIs(state)
                .willReturn(json(body, 200));
        server.stubFor(next == null ? stub : stub.willSetStateTo(next));
    }

    /** The first request GitHub received with this method and path, if any. */
    public Optional<LoggedRequest> first(String method, String path) {
        return server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().split("\\?")[0].equals(path))
                .reduce((newer, older) -> older); // serve events are newest first
    }

    public static ResponseDefinitionBuilder json(String body, int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
