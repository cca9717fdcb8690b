package dev.czar.review;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.czar.review.PersonaModelStub.review;
import static dev.czar.review.ReviewHarness.fixture;
import static dev.czar.review.ReviewHarness.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** Reviews with a language model, stood in by WireMock speaking the OpenAI chat-completions API. */
class ModelReviewTest {
    private static final List<String> ALL = List.of("security", "ops", "legal-compliance", "product");

    @TempDir
    Path tmp;
    TempGitRepo repo;
    PersonaModelStub stub;
    ReviewHarness harness;

    @BeforeEach
    void setUp() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("base", Map.of("README.md", "# shop\n"));
        repo.branch("orders").commit("order lookup", Map.of("src/shop/OrderRepo.java", fixture("review/OrderRepo.java")));
        stub = new PersonaModelStub();
    }

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
        stub.close();
        repo.close();
    }

    @Test
    void should_run_personas_in_parallel_up_to_the_bound() {
        // given every persona's model call takes three seconds (a long call: a thread that starts late on a loaded
        // machine still arrives while the first call is in flight)
        ALL.forEach(p -> stub.answer(p, review("no-findings.json").withFixedDelay(3000)));
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(2, 20, 12000));
        // when
        ReviewReport report = harness.review("orders");
        // then two requests are in flight together, the next two arrive only after the first answers
        List<Long> arrivals = stub.requests().stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(arrivals).hasSize(4);
        assertThat(arrivals.get(1) - arrivals.get(0)).isLessThan(2500);
        assertThat(arrivals.get(2) - arrivals.get(0)).isGreaterThanOrEqualTo(2900);
        assertThat(report.personas()).extracting(PersonaOutcome::status).containsOnly(PersonaOutcome.OK);
        assertThat(report.failedPersonas()).isEmpty();
        assertThat(report.mode()).startsWith("model:gpt-4o-mini");
    }

    @Test
    void should_start_all_personas_at_once_when_the_bound_allows() {
        // given every persona's model call takes three seconds
        ALL.forEach(p -> stub.answer(p, review("no-findings.json").withFixedDelay(3000)));
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(4, 20, 12000));
        // when
        harness.review("orders");
        // then all four are in flight before the first answers
        List<Long> arrivals = stub.requests().stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(arrivals.get(3) - arrivals.get(0)).isLessThan(2500);
    }

    @Test
    void should_isolate_a_failing_persona_and_never_call_the_review_clean() {
        // given
        stub.answer("security", review("no-findings.json")).answer("legal-compliance", review("no-findings.json"))
                .answer("product", review("no-findings.json")).answer("ops", PersonaModelStub.serverError());
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(4, 20, 12000));
        // when
        ReviewReport report = harness.review("orders");
        // then
        assertThat(report.failedPersonas()).containsExactly("ops");
        assertThat(report.personas()).filteredOn(p -> !p.persona().equals("ops")).extracting(PersonaOutcome::status)
                .containsOnly(PersonaOutcome.OK);
        assertThat(report.verdict()).isEqualTo("incomplete");
        assertThat(report.verdictLine()).contains("not reviewed: ops");
        assertThat(report.personas()).filteredOn(p -> p.persona().equals("ops")).first().extracting(PersonaOutcome::reason)
                .isEqualTo("the model provider answered HTTP 500: The server had an error while processing your request. Sorry about that!");
        assertThat(report.checklist()).anySatisfy(item -> assertThat(item).startsWith("Review the ops perspective by hand"));
        assertThat(ReviewText.terminal(report)).contains("ops FAILED");
        assertThat(ReviewText.markdown(report)).contains("| ops | FAILED |");
        assertThat(ReviewJson.write(report)).contains("\"failed_personas\":[\"ops\"]");
    }

    @Test
    void should_retry_invalid_output_once_then_report_that_persona_as_failed() {
        // given legal answers prose, then valid JSON; product answers an unknown severity twice
        stub.answer("security", review("no-findings.json")).answer("ops", review("no-findings.json"))
                .answerInTurn("legal-compliance", review("not-json.txt"), review("no-findings.json"))
                .answer("product", review("bad-severity.json"));
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(4, 20, 12000));
        // when
        ReviewReport report = harness.review("orders");
        // then
        assertThat(stub.requestsOf("legal-compliance")).hasSize(2);
        assertThat(stub.requestsOf("product")).hasSize(2);
        assertThat(status(report, "legal-compliance")).isEqualTo(PersonaOutcome.OK);
        assertThat(status(report, "product")).isEqualTo(PersonaOutcome.FAILED);
        assertThat(report.personas()).filteredOn(p -> p.persona().equals("product")).first()
                .extracting(PersonaOutcome::reason).asString().startsWith("invalid output twice");
        assertThat(report.failedPersonas()).containsExactly("product");
    }

    @Test
    void should_report_a_persona_that_runs_out_of_time_as_timed_out() {
        // given product's call outlasts the 5 s persona timeout by far; the others have ample time on a loaded machine
        stub.answer("security", review("no-findings.json")).answer("ops", review("no-findings.json"))
                .answer("legal-compliance", review("no-findings.json"))
                .answer("product", review("no-findings.json").withFixedDelay(15000));
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(4, 5, 12000));
        // when
        ReviewReport report = harness.review("orders");
        // then
        assertThat(status(report, "product")).isEqualTo(PersonaOutcome.TIMED_OUT);
        assertThat(report.failedPersonas()).containsExactly("product");
        assertThat(ReviewText.terminal(report)).contains("product TIMED OUT");
    }

    @Test
    void should_merge_near_duplicate_findings_keeping_every_persona() {
        // given
        stub.answer("security", review("security-sql-concatenation.json")).answer("ops", review("no-findings.json"))
                .answer("legal-compliance", review("no-findings.json")).answer("product", review("product-sql-concatenation.json"));
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(4, 20, 12000));
        // when
        ReviewReport report = harness.review("orders");
        // then
        assertThat(report.findings()).filteredOn(f -> f.title().contains("concatenation")).singleElement().satisfies(f -> {
            assertThat(f.personas()).containsExactlyInAnyOrder("security", "product");
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
            assertThat(f.title()).isEqualTo("SQL query built by string concatenation");
            assertThat(f.location()).isEqualTo("src/shop/OrderRepo.java:7");
        });
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.title()).isEqualTo("Order lookup has no pagination"));
        assertThat(report.verdict()).isEqualTo("changes_requested");
        assertThat(ReviewText.markdown(report)).contains("Is customerId ever taken from a request parameter?");
        assertThat(ReviewText.terminal(report)).contains("? Is customerId ever taken from a request parameter? (security)");
    }

    @Test
    void should_keep_every_request_within_the_token_budget_for_a_5_mb_diff() {
        // given a branch adding five 1 MB files and an AWS key pair
        Map<String, String> files = new HashMap<>();
        for (int i = 1; i <= 5; i++) {
            files.put("data/big-" + i + ".csv", bigFile(i));
        }
        files.put("config/aws.env", fixture("review/aws-credentials.env"));
        repo.checkout("main").branch("huge").commit("import data", files);
        ALL.forEach(p -> stub.answer(p, review("no-findings.json")));
        int budget = 4000;
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(4, 20, budget));
        // when
        ReviewReport report = harness.review("huge");
        // then
        assertThat(stub.requests()).hasSize(4);
        for (LoggedRequest request : stub.requests()) {
            String body = request.getBodyAsString();
            assertThat(body.length()).as("request body characters").isLessThanOrEqualTo(budget * 4);
            assertThat(body).contains("data/big-1.csv").contains("Files summarised to fit the budget");
            assertThat(body).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("EXAMPLEKEY");
        }
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.title()).isEqualTo("AWS access key id committed"));
    }

    @Test
    void should_answer_the_same_review_from_the_store_unless_fresh() {
        // given
        ALL.forEach(p -> stub.answer(p, review("no-findings.json")));
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(4, 20, 12000));
        ReviewReport first = harness.review("orders");
        // when
        ReviewReport again = harness.review("orders");
        int afterAgain = stub.requests().size();
        ReviewReport fresh = harness.service.review(ReviewService.target("orders"), new ReviewOptions(true, List.of()));
        // then
        assertThat(afterAgain).isEqualTo(4);
        assertThat(again.cached()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(fresh.cached()).isFalse();
        assertThat(stub.requests()).hasSize(8);
    }

    @Test
    void should_not_reuse_a_review_in_which_a_persona_failed() {
        // given
        stub.answer("security", review("no-findings.json")).answer("ops", review("no-findings.json"))
                .answer("legal-compliance", review("no-findings.json")).answer("product", PersonaModelStub.serverError());
        harness = ReviewHarness.withModel(repo.dir(), stub.model(), settings(4, 20, 12000));
        harness.review("orders");
        // when
        ReviewReport again = harness.review("orders");
        // then
        assertThat(again.cached()).isFalse();
        assertThat(stub.requests()).hasSize(8);
    }

    private static String status(ReviewReport report, String persona) {
        return report.personas().stream().filter(p -> p.persona().equals(persona)).findFirst().orElseThrow().status();
    }

    private static String bigFile(int seed) {
        StringBuilder out = new StringBuilder(1_050_000);
        int row = 0;
        while (out.length() < 1_000_000) {
            out.append(seed).append(',').append(row).append(",customer-").append(row * 31 % 9973).append(",\"note ")
                    .append(Integer.toHexString(row * 2654435761L > 0 ? row * 7919 : row)).append("\"\n");
            row++;
        }
        return out.toString();
    }
}
