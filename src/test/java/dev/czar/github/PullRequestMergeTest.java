package dev.czar.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.czar.config.CiConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.MutableClock;
import dev.czar.workers.WorkerException;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merge refusals GitHub can answer, each one line; and the pull request czar must have opened first. */
class PullRequestMergeTest {
    static final String HEAD = "857af50aa1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String MERGE = "/repos/octocat/Hello-World/pulls/1347/merge";

    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    final Database db = MemoryDatabase.open();
    PullRequestStore store;
    PullRequestMerge merge;

    @BeforeEach
    void setUp() {
        github.start();
        store = new PullRequestStore(db);
        GithubClient client = new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", github.baseUrl(), 5, 2),
                "ghp_fake_token_for_tests_only", clock, new GithubClient.Resilience(2, Duration.ofMillis(5), 10, Duration.ofMinutes(1)));
        merge = new PullRequestMerge(client, store, "rebase", clock);
    }

    @AfterEach
    void tearDown() {
        github.stop();
        db.close();
    }

    @Test
    void should_refuse_in_one_line_when_github_will_not_merge_and_keep_the_branch() {
        // given
        store.save(new PullRequestStore.PullRequest("login", "octocat/Hello-World", 1347,
                "https://github.com/octocat/Hello-World/pull/1347", "MDExOlB1bGxSZXF1ZXN0MQ==", "open", HEAD, clock.instant()));
        github.stubFor(put(urlPathEqualTo(MERGE)).willReturn(aResponse().withStatus(405)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("github/pulls.merge.405.json"))));

        // when / then
        assertThatThrownBy(() -> merge.merge(workstream(), HEAD, "alice")).isInstanceOf(WorkerException.class)
                .hasMessage("GitHub will not merge pull request #1347: \"Pull Request is not mergeable\""
                        + " (required checks or reviews missing, or conflicts)");
        github.verify(putRequestedFor(urlPathEqualTo(MERGE)).withRequestBody(matchingJsonPath("$.merge_method", equalTo("rebase")))
                .withRequestBody(matchingJsonPath("$.sha", equalTo(HEAD))));
        github.verify(0, deleteRequestedFor(urlPathMatching(".*")));
        assertThat(store.of("login").orElseThrow().state()).isEqualTo("open");
    }

    @Test
    void should_refuse_to_merge_a_workstream_without_a_pull_request() {
        assertThatThrownBy(() -> merge.merge(workstream(), HEAD, "alice")).isInstanceOf(WorkerException.class)
                .hasMessage("login has no pull request yet; wait for the gate to push czar/login and open one");
    }

    @Test
    void should_find_graphql_next_to_an_enterprise_rest_url() {
        GithubClient enterprise = new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World",
                "https://github.example.com/api/v3", 5, 2), null, clock, GithubClient.Resilience.defaults(1));

        assertThat(new PullRequestApi(enterprise).graphqlUrl()).isEqualTo("https://github.example.com/api/graphql");
        assertThat(new PullRequestApi(new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", null), null, clock,
                GithubClient.Resilience.defaults(1))).graphqlUrl()).isEqualTo("https://api.github.com/graphql");
    }

    private static Workstream workstream() {
        Instant now = Instant.parse("2026-12-07T09:00:00Z");
        return new Workstream("login", "Add a login page", 0, null, "czar/login", null, WorkstreamState.VERIFYING, 0, 0, 0,
                "alice", null, null, null, null, null, 0, null, null, null, now, now, null);
    }
}
