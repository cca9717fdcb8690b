package dev.czar.review;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.czar.UserError;
import dev.czar.config.CiConfig;
import dev.czar.github.GithubClient;
import dev.czar.config.GitConfig;
import dev.czar.evidence.git.FilePatch;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.store.Database;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.czar.review.ReviewHarness.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pull requests reviewed from the diff GitHub's REST API serves (stood in by WireMock). */
class PullRequestReviewTest {
    private static final String PULL = "/repos/acme/shop/pulls/12";

    @TempDir
    Path tmp;
    WireMockServer github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    TempGitRepo repo;
    GitEvidence git;
    Database db;

    @BeforeEach
    void setUp() {
        github.start();
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("base", Map.of("README.md", "# shop\n"));
        git = GitEvidence.open(repo.dir(), new GitConfig(null, null));
        db = dev.czar.testsupport.MemoryDatabase.open();
    }

    @AfterEach
    void tearDown() {
        db.close();
        git.close();
        repo.close();
        github.stop();
    }

    private ReviewService service(String token) {
        PullRequestDiffs pulls = new PullRequestDiffs(GithubClient.fromConfig(
                new CiConfig.GithubConfig("acme/shop", github.baseUrl()), token, ReviewHarness.CLOCK));
        return new ReviewService(git, PersonaLoader.load(null), new ReviewRunner(null, ReviewHarness.settings(4, 10, 12000),
                dev.czar.agent.Redactor.INSTANCE::redact), new ReviewStore(db), pulls, ReviewHarness.CLOCK);
    }

    @Test
    void should_review_the_diff_of_a_pull_request_fetched_from_github() {
        // given
        github.stubFor(get(urlPathEqualTo(PULL)).withHeader("Accept", equalTo("application/vnd.github.diff"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8")
                        .withBody(fixture("github/pulls.get.diff"))));
        // when
        ReviewReport report = service("ghp_testtoken").review(ReviewService.target("#12"), ReviewOptions.defaults());
        // then
        assertThat(report.target()).isEqualTo("pull request #12");
        assertThat(report.verdict()).isEqualTo("blocked");
        assertThat(report.findings()).extracting(Finding::title).contains("AWS access key id committed",
                "Database migration without a way back: V2__add_orders.sql", "Breaking change: public method charge(amount) changed to charge(amount, currency)");
        github.verify(getRequestedFor(urlPathEqualTo(PULL)).withHeader("Authorization", equalTo("Bearer ghp_testtoken")));
    }

    @Test
    void should_split_a_github_diff_into_one_patch_per_file() {
        List<FilePatch> files = PullRequestDiffs.split(fixture("github/pulls.get.diff"));

        assertThat(files).extracting(FilePatch::path, FilePatch::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("config/aws.env", "ADD"),
                org.assertj.core.groups.Tuple.tuple("db/migration/V2__add_orders.sql", "ADD"),
                org.assertj.core.groups.Tuple.tuple("requirements.txt", "ADD"),
                org.assertj.core.groups.Tuple.tuple("src/export.py", "ADD"),
                org.assertj.core.groups.Tuple.tuple("src/payments.py", "MODIFY"));
    }

    @Test
    void should_say_in_one_line_when_the_pull_request_is_missing_or_github_is_off() {
        github.stubFor(get(urlPathEqualTo(PULL)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(fixture("github/error.not_found.json"))));

        assertThatThrownBy(() -> service("").review(ReviewService.target("pr 12"), ReviewOptions.defaults()))
                .isInstanceOf(UserError.class).hasMessage("no pull request #12 in acme/shop (private repository? set GITHUB_TOKEN)");
        assertThatThrownBy(() -> PullRequestDiffs.notConfigured().patches(12))
                .isInstanceOf(UserError.class).hasMessageContaining("not configured (ci.github.repo)");
    }
}
