package dev.czar.agent;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.chat.Answer;
import dev.czar.chat.Evidence;
import dev.czar.chat.Message;
import dev.czar.chat.ToolCall;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.czar.testsupport.ModelStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One service per topic (issue 22): the same question answered offline and through the LLM tool loop cites the same
 * evidence, because the offline answer ({@code CiAnswers}, {@code BenchAnswers}) and the model's tools
 * ({@code ci_runs}, {@code ci_test_reports}, {@code bench_compare}) render the same calls. Czar is assembled for real
 * over one home; GitHub Actions and the model are stood in at HTTP level, the model scripted to call the tools a
 * model would call for the question.
 */
class OfflineAndToolLoopEvidenceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-06T10:00:00Z"), ZoneOffset.UTC);
    private static final String RUNS = "/repos/octo-org/octo-repo/actions/runs";

    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @TempDir
    Path tmp;

    TempGitRepo repo;
    String featureHead;

    @BeforeEach
    void setUp() {
        github.start();
        github.stubFor(get(urlPathEqualTo(RUNS)).withQueryParam("branch", equalTo("feature-x"))
                .willReturn(json("github/list-workflow-runs.json")));
        github.stubFor(get(urlPathEqualTo(RUNS + "/30433642/jobs")).willReturn(json("github/list-jobs-for-workflow-run.json")));
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "hello\n"));
        repo.branch("feature-x").checkout("feature-x");
        featureHead = repo.commit("speed up parse_json", Map.of("parse.txt", "fast\n"));
    }

    @AfterEach
    void tearDown() {
        github.stop();
        repo.close();
    }

    @Test
    void should_cite_the_same_ci_runs_and_test_reports_offline_and_through_the_tool_loop() {
        // given a test report imported for the branch head
        String question = "is CI green on feature-x?";
        Answer offline = ask(question, null, app -> app.ci().junit()
                .importReports(featureHead, List.of(Fixtures.path("junit/pytest-junit.xml"))));

        // when the model asks the CI tools a model would ask for this question
        Answer llm;
        try (ModelStub model = ModelStub.openAi()) {
            model.replies(toolCall("ci_runs", "{\"ref\":\"feature-x\"}"),
                    toolCall("ci_test_reports", "{\"commit\":\"" + featureHead + "\"}"),
                    ok(Fixtures.read("openai/chat.completions.final.json", Map.of("content", "CI on feature-x is red."))));
            llm = ask(question, model, app -> { });
            assertThat(model.requests()).hasSize(3);
        }

        // then both answers rest on the same CI facts, cited alike
        assertThat(toolNames(offline)).contains("ci.runs", "ci.test_reports");
        assertThat(llm.llmCalls()).isEqualTo(3);
        assertThat(llm.toolCalls()).extracting(ToolCall::name).containsExactly("ci.runs", "ci.test_reports");
        assertThat(cited("ci", offline)).extracting(Evidence::ref)
                .containsExactly("30433642", "30433650", "test-report/1");
        assertThat(cited("ci", llm)).containsExactlyInAnyOrderElementsOf(cited("ci", offline));
    }

    @Test
    void should_cite_the_same_benchmark_rows_offline_and_through_the_tool_loop() {
        // given benchmark results on main and feature-x
        String question = "did feature-x regress parse_json?";
        Answer offline = ask(question, null, app -> app.bench().importer()
                .importFiles(List.of(Fixtures.copy("bench/history.csv", tmp)), null, false));

        // when the model compares the branch with main, as the question asks
        Answer llm;
        try (ModelStub model = ModelStub.openAi()) {
            model.replies(toolCall("bench_compare", "{\"base\":\"main\",\"candidate\":\"feature-x\",\"benchmark\":\"parse_json\"}"),
                    ok(Fixtures.read("openai/chat.completions.final.json", Map.of("content", "Yes, parse_json is slower."))));
            llm = ask(question, model, app -> { });
            assertThat(model.requests()).hasSize(2);
        }

        // then both answers rest on the same rows, cited alike
        assertThat(offline.text()).startsWith("Yes: feature-x made parse_json slower");
        assertThat(toolNames(offline)).contains("bench.compare");
        assertThat(llm.llmCalls()).isEqualTo(2);
        assertThat(llm.toolCalls()).extracting(ToolCall::name).containsExactly("bench.compare");
        assertThat(cited("bench", offline)).isNotEmpty();
        assertThat(cited("bench", llm)).containsExactlyInAnyOrderElementsOf(cited("bench", offline));
    }

    /** Assembles czar over the test's one home (offline when {@code model} is null), prepares it, asks one question. */
    private Answer ask(String question, ModelStub model, Consumer<CzarApp> prepare) {
        Map<String, String> env = new HashMap<>(Map.of("CZAR_GITHUB_REPO", "octo-org/octo-repo",
                "CZAR_GITHUB_API_URL", github.baseUrl(), "GITHUB_TOKEN", "ghp_" + "fakeTokenForParityTests0123"));
        if (model != null) {
            env.putAll(Map.of("CZAR_LLM_PROVIDER", "openai", "CZAR_LLM_BASE_URL", model.baseUrl(), "CZAR_LLM_MODEL", "gpt-4o-mini",
                    "CZAR_LLM_MAX_RETRIES", "0", "CZAR_LLM_API_KEY", "sk-test-" + "0123456789abcdefghij"));
        }
        try (CzarApp app = Czar.assemble(new StartOptions(repo.dir(), tmp.resolve("home"), null, env, CLOCK))) {
            prepare.accept(app);
            return app.chat().handle(new Message(question, "local:tester", "cli", null, CLOCK.instant()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> toolNames(Answer answer) {
        return answer.toolCalls().stream().map(ToolCall::name).filter(n -> n.startsWith("ci.") || n.startsWith("bench.")).toList();
    }

    private static List<Evidence> cited(String source, Answer answer) {
        return answer.evidence().stream().filter(e -> e.source().equals(source)).toList();
    }

    private static ResponseDefinitionBuilder toolCall(String tool, String arguments) {
        return ok(Fixtures.read("openai/chat.completions.tool_call.json", Map.of("name", tool, "arguments", arguments)));
    }

    private static ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.read(fixture));
    }
}
