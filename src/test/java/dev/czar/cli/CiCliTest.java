package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.czar.Czar;
import dev.czar.chat.Json;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class CiCliTest {
    static final String TOKEN = "ghp_secret_for_tests";

    @TempDir
    Path tmp;

    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Map<String, String> env = new HashMap<>();
    TempGitRepo repo;
    String featureHead;

    @BeforeEach
    void setUp() {
        github.start();
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "hello\n"));
        repo.branch("feature-x").checkout("feature-x");
        featureHead = repo.commit("speed up parse_json", Map.of("parse.txt", "fast\n"));
        env.put("CZAR_GITHUB_REPO", "octo-org/octo-repo");
        env.put("CZAR_GITHUB_API_URL", github.baseUrl());
        env.put("GITHUB_TOKEN", TOKEN);
        github.stubFor(get(urlPathEqualTo("/repos/octo-org/octo-repo/actions/runs")).withQueryParam("branch", equalTo("feature-x"))
                .willReturn(json("github/list-workflow-runs.json")));
        github.stubFor(get(urlPathEqualTo("/repos/octo-org/octo-repo/actions/runs/30433642/jobs"))
                .willReturn(json("github/list-jobs-for-workflow-run.json")));
    }

    @AfterEach
    void tearDown() {
        github.stop();
        repo.close();
    }

    int czar(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", repo.dir().toString(), "--home", tmp.resolve("home").toString()));
        CommandLine cli = CzarCommand.commandLine(Czar::assemble, env, Clock.fixed(Instant.parse("2026-11-06T10:00:00Z"), ZoneOffset.UTC));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void should_answer_whether_ci_is_green_on_a_branch_citing_runs_and_test_reports() throws Exception {
        // given a local test report for the branch head
        assertThat(czar("ci", "import-junit", "--commit", "feature-x", Fixtures.path("junit/pytest-junit.xml").toString())).isZero();

        // when
        assertThat(czar("ask", "--json", "is CI green on feature-x?")).isZero();
        JsonNode answer = Json.MAPPER.readTree(out.toString());

        // then
        assertThat(answer.get("answer").asText()).startsWith("CI on feature-x (octo-org/octo-repo) is red: 2 workflows, 1 failing.")
                .contains("job test: failure, failed step Run ./mvnw verify")
                .contains("Tests for " + featureHead.substring(0, 7) + ": FAILED, 3 run, 1 failed");
        List<String> cited = new ArrayList<>();
        answer.get("evidence").forEach(e -> cited.add(e.get("source").asText() + ":" + e.get("ref").asText()));
        assertThat(cited).containsExactly("git:" + featureHead, "ci:30433642", "ci:30433650", "ci:test-report/1");
        assertThat(answer.get("evidence").get(1).get("url").asText()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642");
        assertThat(answer.get("tool_calls").toString()).contains("ci.runs").contains("ci.test_reports");
    }

    @Test
    void should_print_ci_status_and_never_log_the_token() throws Exception {
        assertThat(czar("ci", "status", "feature-x")).isZero();

        assertThat(out.toString()).startsWith("CI on feature-x (octo-org/octo-repo) is red");
        try (var logs = Files.walk(tmp.resolve("home"))) {
            for (Path file : logs.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readAllBytes(file)).asString().doesNotContain(TOKEN);
            }
        }
    }

    @Test
    void should_fail_open_when_github_is_not_configured() {
        env.clear();

        assertThat(czar("ci", "status", "feature-x")).isZero();

        assertThat(out.toString()).startsWith("GitHub Actions is not configured");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(Fixtures.text(fixture));
    }
}
