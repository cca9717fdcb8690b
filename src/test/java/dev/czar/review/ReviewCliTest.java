package dev.czar.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.czar.review.PersonaModelStub.review;
import static dev.czar.review.ReviewHarness.CLOCK;
import static dev.czar.review.ReviewHarness.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code czar review} and {@code /czar review} through the real command line and the real composition root. */
class ReviewCliTest {
    @TempDir
    Path tmp;
    Path repo;
    Path home;

    @BeforeEach
    void repository() {
        repo = tmp.resolve("repo");
        home = tmp.resolve("home");
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("README.md", "# shop\n"));
            git.branch("feature-x").commit("deploy credentials", Map.of("config/aws.env", fixture("review/aws-credentials.env"),
                    "src/shop/OrderRepo.java", fixture("review/OrderRepo.java")));
            git.checkout("main");
        }
    }

    private CliRun czar(Map<String, String> env, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--repo", repo.toString(), "--home", home.toString()));
        all.addAll(List.of(args));
        return CliRun.run(env, CLOCK, all.toArray(String[]::new));
    }

    @Test
    void should_print_a_readable_report_in_the_terminal() {
        // when
        CliRun run = czar(Map.of(), "review", "feature-x");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Review of branch feature-x: BLOCKED: do not merge")
                .contains("BLOCKER (2)").contains("AWS access key id committed  [config/aws.env:3]  (security)")
                .contains("Personas: security reviewed (offline rules), ops reviewed (offline rules)")
                .contains("A human must still verify:").contains("[ ] Any credential that ever reached a commit is rotated")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("EXAMPLEKEY");
    }

    @Test
    void should_print_the_json_contract_and_write_markdown() throws Exception {
        // given
        Path out = tmp.resolve("reports/report.md");
        // when
        CliRun run = czar(Map.of(), "review", "feature-x", "--json", "--out", out.toString());
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertThat(json.get("verdict").asText()).isEqualTo("blocked");
        assertThat(json.get("failed_personas")).isEmpty();
        JsonNode first = json.get("findings").get(0);
        assertThat(first.get("personas").get(0).asText()).isEqualTo("security");
        assertThat(first.get("severity").asText()).isEqualTo("blocker");
        assertThat(first.get("file").asText()).isEqualTo("config/aws.env");
        assertThat(first.get("line").asInt()).isEqualTo(3);
        assertThat(first.has("title")).isTrue();
        assertThat(first.has("mitigation")).isTrue();
        assertThat(json.get("checklist")).isNotEmpty();
        assertThat(Files.readString(out)).startsWith("# Review of branch feature-x").contains("## Blocker (2)")
                .contains("## Human verification checklist").contains("- [ ] ");
    }

    @Test
    void should_run_only_the_personas_asked_for() throws Exception {
        // when
        CliRun run = czar(Map.of(), "review", "feature-x", "--json", "--persona", "ops", "--persona", "product");
        CliRun unknown = czar(Map.of(), "review", "feature-x", "--persona", "pirate");
        // then
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertThat(json.get("personas").findValuesAsText("name")).containsExactly("ops", "product");
        assertThat(json.get("findings").findValuesAsText("title")).doesNotContain("AWS access key id committed");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("czar: no persona named 'pirate' (available: security, ops, legal-compliance, product)");
    }

    @Test
    void should_review_a_proposal_with_text() throws Exception {
        // given
        Path proposal = Files.writeString(tmp.resolve("analytics.md"), fixture("review/proposal-analytics.md"));
        // when
        CliRun run = czar(Map.of(), "review", "--text", proposal.toString());
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Review of proposal analytics.md").contains("Personal-data field 'ip_address' introduced");
    }

    @Test
    void should_refuse_bad_input_with_one_line_and_exit_2() {
        for (CliRun run : List.of(czar(Map.of(), "review"), czar(Map.of(), "review", "nope"),
                czar(Map.of(), "review", "feature-x", "--text", "x.md"), czar(Map.of(), "review", "--text", tmp.resolve("missing.md").toString()))) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1).allSatisfy(line -> assertThat(line).startsWith("czar: "));
        }
    }

    @Test
    void should_run_review_through_the_command_path_from_chat() throws Exception {
        // when
        CliRun run = czar(Map.of(), "ask", "--json", "/czar review feature-x");
        // then
        JsonNode answer = Json.MAPPER.readTree(run.out());
        assertThat(answer.get("intent").asText()).isEqualTo("COMMAND");
        assertThat(answer.get("answer").asText()).startsWith("Review of branch feature-x: BLOCKED");
        assertThat(answer.get("tool_calls").findValuesAsText("name")).containsExactly("review.run");
        assertThat(answer.get("evidence").findValuesAsText("source")).containsExactly("review");
        assertThat(answer.get("evidence").findValuesAsText("ref").get(0)).matches("review#\\d+");
    }

    @Test
    void should_refuse_review_to_a_viewer() throws Exception {
        // when
        CliRun run = czar(Map.of("CZAR_ACCESS_LOCAL_ROLE", "viewer"), "ask", "--json", "/czar review feature-x");
        // then
        assertThat(Json.MAPPER.readTree(run.out()).get("answer").asText()).contains("'review' needs the operator role");
    }

    @Test
    void should_review_with_the_configured_model_and_fall_back_to_rules_for_secrets() throws Exception {
        try (PersonaModelStub stub = new PersonaModelStub()) {
            // given ops' provider call fails
            List.of("security", "legal-compliance", "product").forEach(p -> stub.answer(p, review("no-findings.json")));
            stub.answer("ops", PersonaModelStub.serverError());
            Map<String, String> env = new HashMap<>(Map.of("CZAR_LLM_PROVIDER", "openai", "CZAR_LLM_MODEL", "gpt-4o-mini",
                    "CZAR_LLM_BASE_URL", stub.baseUrl(), "CZAR_LLM_API_KEY", "sk-test-not-a-real-key-0000000000"));
            // when
            CliRun run = czar(env, "review", "feature-x", "--json");
            // then
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode json = Json.MAPPER.readTree(run.out());
            assertThat(json.get("mode").asText()).startsWith("model:gpt-4o-mini");
            assertThat(json.get("personas").findValuesAsText("status")).containsExactly("ok", "failed", "ok", "ok");
            assertThat(json.get("failed_personas").get(0).asText()).isEqualTo("ops");
            assertThat(json.get("personas").get(1).get("reason").asText()).startsWith("the model provider answered HTTP 500");
            assertThat(json.get("verdict").asText()).isEqualTo("blocked");
            assertThat(stub.requests()).hasSize(4).allSatisfy(r -> assertThat(r.getBodyAsString())
                    .contains("[REDACTED:aws-access-key]").doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("EXAMPLEKEY"));
        }
    }
}
