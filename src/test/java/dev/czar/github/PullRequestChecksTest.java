package dev.czar.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.czar.config.CiConfig;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MutableClock;
import dev.czar.workers.GateItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The CI item decided from a pull request head's check runs and commit statuses (GitHub stood in by WireMock). */
class PullRequestChecksTest {
    static final String HEAD = "ce587453ced02b1526dfb4cb910479d431683101";
    static final String REPO = "/repos/octocat/Hello-World";

    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    PullRequestChecks checks;

    @BeforeEach
    void start() {
        github.start();
        checks = new PullRequestChecks(new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", github.baseUrl(), 5, 2),
                "ghp_fake_token_for_tests_only", new MutableClock(Instant.parse("2026-12-07T10:00:00Z")),
                new GithubClient.Resilience(2, Duration.ofMillis(5), 10, Duration.ofMinutes(1))));
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    @Test
    void should_fail_with_the_failing_checks_name_summary_annotations_and_log_tail() {
        // given
        stubRuns("completed", "failure", "1 test failed", "LoginTest: 1 of 12 failed", 1);
        stubStatus("combined-status.json", "failure", "Build #1000 failed");
        github.stubFor(get(urlPathEqualTo(REPO + "/check-runs/4/annotations")).willReturn(json(Fixtures.read("github/check-runs.annotations.json"))));
        github.stubFor(get(urlPathEqualTo(REPO + "/actions/jobs/4/logs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(Fixtures.read("github/actions.job-logs.txt"))));

        // when
        GateItem item = checks.check("czar/login", HEAD);

        // then
        assertThat(item.status()).isEqualTo(GateItem.Status.FAIL);
        assertThat(item.evidence()).startsWith("checks failed on GitHub at ce58745:\n"
                        + "- check run 4 'build' failure https://github.com/octocat/Hello-World/actions/runs/5/job/4\n"
                        + "  1 test failed\n  LoginTest: 1 of 12 failed\n"
                        + "  src/test/java/app/LoginTest.java:42 failure: expected: 401 but was: 200\n  log (last lines):\n")
                .contains("[ERROR] LoginTest.should_reject_a_wrong_password:42 expected: 401 but was: 200")
                .endsWith("- status 'continuous-integration/jenkins' failure: Build #1000 failed https://ci.example.com/1000/output")
                .doesNotContain("mighty_readme");
    }

    @Test
    void should_wait_while_a_check_is_still_running() {
        stubRuns("in_progress", "null", "", "", 0);
        stubStatus("combined-status.empty.json", "pending", "");

        GateItem item = checks.check("czar/login", HEAD);

        assertThat(item.status()).isEqualTo(GateItem.Status.WAIT);
        assertThat(item.evidence()).isEqualTo("checks still running at ce58745: build");
    }

    @Test
    void should_pass_citing_the_check_run_ids_when_every_check_is_green() {
        stubRuns("completed", "success", "All good", "12 tests passed", 0);
        stubStatus("combined-status.json", "success", "Build #1001 passed");

        GateItem item = checks.check("czar/login", HEAD);

        assertThat(item.line()).isEqualTo("PASS ci: checks green at ce58745: build (check run 4), mighty_readme (check run 7);"
                + " status 'continuous-integration/jenkins'");
    }

    @Test
    void should_skip_saying_so_when_no_check_reported_anything() {
        github.stubFor(get(urlPathEqualTo(REPO + "/commits/" + HEAD + "/check-runs")).willReturn(json(Fixtures.read("github/check-runs.list.empty.json"))));
        stubStatus("combined-status.empty.json", "pending", "");

        GateItem item = checks.check("czar/login", HEAD);

        assertThat(item.line()).isEqualTo("SKIP ci: no check runs or commit statuses reported for ce58745 on octocat/Hello-World"
                + " (no CI configured for pull requests?)");
    }

    @Test
    void should_decide_on_the_checks_branch_protection_requires_and_name_them() {
        // given main requires 'build'; a status nobody requires is red
        stubRequired("build", 200, null);
        stubRuns("completed", "success", "All good", "12 tests passed", 0);
        stubStatus("combined-status.json", "failure", "Build #1000 failed");

        // when
        GateItem item = protectedChecks().check("czar/login", HEAD);

        // then
        assertThat(item.line()).isEqualTo("PASS ci: checks green at ce58745: build (check run 4) (required by branch"
                + " protection on main: build); red but not required: status 'continuous-integration/jenkins'");
    }

    @Test
    void should_fail_on_a_red_required_check_and_say_it_is_required() {
        stubRequired("build", 200, null);
        stubRuns("completed", "failure", "1 test failed", "LoginTest: 1 of 12 failed", 0);
        stubStatus("combined-status.empty.json", "pending", "");

        GateItem item = protectedChecks().check("czar/login", HEAD);

        assertThat(item.status()).isEqualTo(GateItem.Status.FAIL);
        assertThat(item.evidence()).startsWith("checks failed on GitHub at ce58745 (required by branch protection on main:"
                + " build):\n- check run 4 'build' failure").doesNotContain("mighty_readme");
    }

    @Test
    void should_wait_for_a_required_check_that_has_not_reported_yet() {
        stubRequired("deploy-preview", 200, null);
        stubRuns("completed", "success", "All good", "12 tests passed", 0);
        stubStatus("combined-status.empty.json", "pending", "");

        GateItem item = protectedChecks().check("czar/login", HEAD);

        assertThat(item.line()).isEqualTo("WAIT ci: checks still running at ce58745: not reported yet: deploy-preview"
                + " (required by branch protection on main: build, deploy-preview)");
    }

    @Test
    void should_count_every_check_when_branch_protection_is_not_readable() {
        // given main is not protected (404): the red status counts
        stubRequired(null, 404, "branch-protection.not-protected.404.json");
        stubRuns("completed", "success", "All good", "12 tests passed", 0);
        stubStatus("combined-status.json", "failure", "Build #1000 failed");

        GateItem notProtected = protectedChecks().check("czar/login", HEAD);

        assertThat(notProtected.status()).isEqualTo(GateItem.Status.FAIL);
        assertThat(notProtected.evidence()).startsWith("checks failed on GitHub at ce58745 (every check counts: branch"
                + " protection of main is not readable (HTTP 404 \"Branch not protected\")):\n- status 'continuous-integration/jenkins'");

        // given the token may not read it (403)
        stubRequired(null, 403, "branch-protection.forbidden.403.json");
        stubStatus("combined-status.json", "success", "Build #1001 passed");

        GateItem forbidden = protectedChecks().check("czar/login", HEAD);

        assertThat(forbidden.line()).isEqualTo("PASS ci: checks green at ce58745: build (check run 4), mighty_readme (check run 7);"
                + " status 'continuous-integration/jenkins' (every check counts: branch protection of main is not readable"
                + " (HTTP 403 \"Resource not accessible by integration\"))");
    }

    private PullRequestChecks protectedChecks() {
        return new PullRequestChecks(new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", github.baseUrl(), 5, 2),
                "ghp_fake_token_for_tests_only", new MutableClock(Instant.parse("2026-12-07T10:00:00Z")),
                new GithubClient.Resilience(2, Duration.ofMillis(5), 10, Duration.ofMinutes(1))), () -> java.util.Optional.of("main"));
    }

    /** main requires 'build' (contexts) and {@code check} (checks), or answers with the error fixture. */
    private void stubRequired(String check, int status, String errorFixture) {
        String body = check != null ? Fixtures.read("github/branch-protection.required-status-checks.json", Map.of("check", check))
                : Fixtures.read("github/" + errorFixture);
        github.stubFor(get(urlPathEqualTo(REPO + "/branches/main/protection/required_status_checks"))
                .willReturn(json(body).withStatus(status)));
    }

    private void stubRuns(String status, String conclusion, String title, String summary, int annotations) {
        String body = Fixtures.read("github/check-runs.list.json", Map.of("head", HEAD, "status", status,
                "conclusion", conclusion, "title", title, "summary", summary, "annotations", String.valueOf(annotations)));
        // GitHub sends a JSON null conclusion while a check runs; the fixture's placeholders are strings
        body = body.replace("\"conclusion\": \"null\"", "\"conclusion\": null");
        github.stubFor(get(urlPathEqualTo(REPO + "/commits/" + HEAD + "/check-runs")).willReturn(json(body)));
    }

    private void stubStatus(String fixture, String state, String description) {
        github.stubFor(get(urlPathEqualTo(REPO + "/commits/" + HEAD + "/status")).willReturn(json(Fixtures.read("github/" + fixture,
                fixture.contains("empty") ? Map.of("head", HEAD) : Map.of("head", HEAD, "state", state, "description", description)))));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
