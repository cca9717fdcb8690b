package dev.czar.evidence.ci;

import dev.czar.github.GithubClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.czar.config.CiConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The real client against WireMock serving payloads shaped like GitHub's REST responses. */
class CiEvidenceTest {
    static final String RUNS = "/repos/octo-org/octo-repo/actions/runs";
    static final String JOBS = RUNS + "/30433642/jobs";
    static final String TOKEN = "ghp_test_token_never_logged";

    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final Database db = MemoryDatabase.open();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-06T10:00:00Z"));
    CiEvidence ci;

    @BeforeEach
    void start() {
        github.start();
        CiConfig.GithubConfig config = new CiConfig.GithubConfig("octo-org/octo-repo", github.baseUrl(), 5, 3);
        GithubActionsClient client = new GithubActionsClient(new GithubClient(config, TOKEN, clock,
                new GithubClient.Resilience(3, Duration.ofMillis(5), 4, Duration.ofMinutes(1))));
        ci = new CiEvidence(client, db, clock);
    }

    @AfterEach
    void stop() {
        github.stop();
        db.close();
    }

    @Test
    void should_report_the_latest_run_per_workflow_with_failing_jobs_and_steps() {
        // given
        github.stubFor(get(urlPathEqualTo(RUNS)).withQueryParam("branch", equalTo("feature-x"))
                .willReturn(json("github/list-workflow-runs.json")));
        github.stubFor(get(urlPathEqualTo(JOBS)).willReturn(json("github/list-jobs-for-workflow-run.json")));

        // when
        CiStatus status = ci.status("feature-x");

        // then
        assertThat(status.live()).isTrue();
        assertThat(status.green()).isFalse();
        assertThat(status.runs()).extracting(WorkflowRun::workflow, WorkflowRun::conclusion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CI", "failure"), org.assertj.core.groups.Tuple.tuple("Lint", "success"));
        WorkflowRun failed = status.runs().get(0);
        assertThat(failed.url()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642");
        assertThat(failed.failingJobs()).singleElement().satisfies(job -> {
            assertThat(job.name()).isEqualTo("test");
            assertThat(job.failedSteps()).containsExactly("Run ./mvnw verify");
        });
        assertThat(CiText.render(status, clock.instant())).startsWith(
                "CI on feature-x (octo-org/octo-repo) is red: 2 workflows, 1 failing.\n"
                        + "  CI #562: failure @acb5820, started 2026-11-06 09:00Z, finished 2026-11-06 09:07Z"
                        + "  https://github.com/octo-org/octo-repo/actions/runs/30433642\n"
                        + "    job test: failure, failed step Run ./mvnw verify");
        github.verify(getRequestedFor(urlPathEqualTo(RUNS)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json")));
    }

    @Test
    void should_ask_with_if_none_match_and_answer_from_cache_on_304() {
        // given a first answer with an ETag, then 304 for the same ETag
        github.stubFor(get(urlPathEqualTo(RUNS)).withHeader("If-None-Match", absent())
                .willReturn(json("github/list-workflow-runs.json").withHeader("ETag", "W/\"runs-v1\"")));
        github.stubFor(get(urlPathEqualTo(RUNS)).withHeader("If-None-Match", equalTo("W/\"runs-v1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "W/\"runs-v1\"")));
        github.stubFor(get(urlPathEqualTo(JOBS)).willReturn(json("github/list-jobs-for-workflow-run.json")));

        // when
        CiStatus first = ci.status("feature-x");
        CiStatus second = ci.status("feature-x");

        // then
        github.verify(1, getRequestedFor(urlPathEqualTo(RUNS)).withHeader("If-None-Match", equalTo("W/\"runs-v1\"")));
        assertThat(second.live()).isTrue();
        assertThat(second.runs()).isEqualTo(first.runs());
    }

    @Test
    void should_follow_pagination_links() {
        // given
        String page2 = github.baseUrl() + RUNS + "?per_page=30&branch=feature-x&page=2";
        github.stubFor(get(urlPathEqualTo(RUNS)).withQueryParam("page", absent())
                .willReturn(json("github/list-workflow-runs.json")
                        .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"")));
        github.stubFor(get(urlPathEqualTo(RUNS)).withQueryParam("page", equalTo("2"))
                .willReturn(json("github/list-workflow-runs-page-2.json")
                        .withHeader("Link", "<" + github.baseUrl() + RUNS + "?page=1>; rel=\"first\"")));
        github.stubFor(get(urlPathEqualTo(JOBS)).willReturn(json("github/list-jobs-for-workflow-run.json")));

        // when
        CiStatus status = ci.status("feature-x");

        // then: the in-progress Nightly from page 2 is there, and the run is not green while it runs
        assertThat(status.runs()).extracting(WorkflowRun::workflow).containsExactly("CI", "Lint", "Nightly");
        assertThat(CiText.render(status, clock.instant())).contains("1 failing, 1 running").contains("Nightly #77: in_progress");
    }

    @Test
    void should_stop_calling_until_the_reset_time_when_rate_limited() {
        // given
        long reset = clock.instant().plusSeconds(1800).getEpochSecond();
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(json("github/rate-limited.json").withStatus(403)
                .withHeader("X-RateLimit-Limit", "60").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset))));

        // when
        CiStatus first = ci.status("feature-x");
        CiStatus second = ci.status("feature-x");

        // then: one request only, no retries, and the answer names the reset time
        github.verify(1, getRequestedFor(urlPathEqualTo(RUNS)));
        assertThat(first.live()).isFalse();
        assertThat(second.problem()).isEqualTo("GitHub rate limit reached; calls resume at 2026-11-06T10:30:00Z");
        assertThat(CiText.render(second, clock.instant())).isEqualTo("I couldn't get a live answer from GitHub: GitHub rate"
                + " limit reached; calls resume at 2026-11-06T10:30:00Z. I have no earlier CI result for feature-x either.");

        // and once the reset time has passed, calls resume
        clock.advance(Duration.ofMinutes(31));
        ci.status("feature-x");
        github.verify(2, getRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void should_honour_retry_after_on_a_secondary_rate_limit() {
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(json("github/rate-limited.json").withStatus(429)
                .withHeader("Retry-After", "120")));

        CiStatus status = ci.status("feature-x");

        assertThat(status.problem()).isEqualTo("GitHub rate limit reached; calls resume at 2026-11-06T10:02:00Z");
    }

    @Test
    void should_retry_a_5xx_and_succeed() {
        // given one 502, then the real answer
        github.stubFor(get(urlPathEqualTo(RUNS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("recovered"));
        github.stubFor(get(urlPathEqualTo(RUNS)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(json("github/list-workflow-runs.json")));
        github.stubFor(get(urlPathEqualTo(JOBS)).willReturn(json("github/list-jobs-for-workflow-run.json")));

        // when
        CiStatus status = ci.status("feature-x");

        // then
        assertThat(status.live()).isTrue();
        github.verify(2, getRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void should_open_the_breaker_on_a_5xx_burst_and_show_the_last_known_result_with_its_age() {
        // given a good answer two hours ago
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(json("github/list-workflow-runs.json")));
        github.stubFor(get(urlPathEqualTo(JOBS)).willReturn(json("github/list-jobs-for-workflow-run.json")));
        ci.status("feature-x");
        clock.advance(Duration.ofMinutes(125));
        github.resetAll();
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(aResponse().withStatus(503)));

        // when GitHub keeps failing
        CiStatus first = ci.status("feature-x");
        CiStatus second = ci.status("feature-x");
        CiStatus third = ci.status("feature-x");

        // then: two lookups of three attempts each reached GitHub, then the breaker kept the third one away
        github.verify(6, getRequestedFor(urlPathEqualTo(RUNS)));
        assertThat(first.problem()).isEqualTo("GitHub answered HTTP 503");
        assertThat(third.problem()).contains("circuit breaker open");
        assertThat(third.live()).isFalse();
        assertThat(third.runs()).hasSize(2);
        assertThat(CiText.render(third, clock.instant())).startsWith("I couldn't get a live answer from GitHub: GitHub failed"
                + " repeatedly, so czar stopped calling it for a while (circuit breaker open).\n"
                + "Last known result, fetched 2 h 5 min ago (2026-11-06 10:00Z):\n"
                + "CI on feature-x (octo-org/octo-repo) is red");
        assertThat(second.live()).isFalse();
    }

    @Test
    void should_say_so_when_github_is_unreachable() {
        // given nothing listens on the configured port
        int port = github.port();
        github.stop();
        GithubActionsClient client = new GithubActionsClient(new GithubClient(new CiConfig.GithubConfig("octo-org/octo-repo",
                "http://127.0.0.1:" + port, 2, 2), null, clock,
                new GithubClient.Resilience(2, Duration.ofMillis(5), 4, Duration.ofMinutes(1))));

        // when
        CiStatus status = new CiEvidence(client, db, clock).status("feature-x");

        // then
        assertThat(status.live()).isFalse();
        assertThat(status.problem()).startsWith("GitHub is unreachable at http://127.0.0.1:" + port);
    }

    @Test
    void should_name_the_settings_to_fix_when_github_refuses() {
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(json("github/not-found.json").withStatus(404)));

        CiStatus status = ci.status("feature-x");

        assertThat(status.problem()).isEqualTo("GitHub refused the request for octo-org/octo-repo: HTTP 404 \"Not Found\""
                + " (check ci.github.repo and GITHUB_TOKEN)");
        github.verify(1, getRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void should_ask_by_head_sha_for_a_full_commit_id() {
        String sha = "acb5820ced9479c074f688cc328bf03f341a511d";
        github.stubFor(get(urlPathEqualTo(RUNS)).withQueryParam("head_sha", equalTo(sha))
                .willReturn(json("github/list-workflow-runs-page-2.json")));

        CiStatus status = ci.status(sha);

        assertThat(status.runs()).extracting(WorkflowRun::workflow).containsExactly("Nightly");
    }

    @Test
    void should_say_not_configured_without_a_repo() {
        CiStatus status = CiEvidence.fromConfig(new CiConfig(null), null, db, clock).status("main");

        assertThat(status.configured()).isFalse();
        assertThat(CiText.render(status, clock.instant())).isEqualTo("GitHub Actions is not configured (set ci.github.repo,"
                + " and GITHUB_TOKEN for private repositories).");
    }

    private static ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.text(fixture));
    }
}
