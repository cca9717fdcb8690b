package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.czar.testsupport.SeedTasks.GATEWAY;
import static dev.czar.testsupport.SeedTasks.AUDIT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code czar fit}: the real command line over a temp repository and the diff fixtures made by real git. */
class FitCliTest {
    @TempDir
    Path tmp;
    TempGitRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("Admin actions", Map.of("src/admin/AdminActions.java", "public class AdminActions {}\n"));
        repo.branch("gateway").checkout("gateway");
        repo.commit("Append-only audit log of admin actions with a hash chain", Map.of("src/audit/HashChainLog.java",
                "public class HashChainLog {\n    void recordAdminAction(String actor) {}\n    boolean verifyChain() { return true; }\n}\n"));
        repo.checkout("main");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void should_print_one_json_object_naming_the_alternative_the_diff_does_instead_of_its_task() throws Exception {
        CliRun run = czar("fit", "--diff", Fixtures.path("fit/audit.diff").toString(), "--task", GATEWAY,
                "--against", AUDIT, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip().lines()).hasSize(1);
        JsonNode verdict = Json.MAPPER.readTree(run.out());
        assertThat(verdict.get("verdict").asText()).isEqualTo("drifting");
        assertThat(verdict.get("best").asText()).isEqualTo("against:1");
        assertThat(verdict.get("scores").get("against").get(0).asDouble())
                .isGreaterThan(verdict.get("scores").get("task").asDouble() + 0.2);
        assertThat(verdict.get("evidence").toString()).contains("src/audit/HashChainLog.java");
    }

    @Test
    void should_find_a_format_patch_on_task_for_its_own_task() throws Exception {
        CliRun run = czar("fit", "--diff", Fixtures.path("fit/audit.patch").toString(), "--task", AUDIT,
                "--against", GATEWAY, "--against", "Translate the settings page into French and German", "--json");

        JsonNode verdict = Json.MAPPER.readTree(run.out());
        assertThat(verdict.get("verdict").asText()).isEqualTo("on task");
        assertThat(verdict.get("best").asText()).isEqualTo("task");
        assertThat(verdict.get("scores").get("against")).hasSize(2);
        assertThat(verdict.get("evidence").toString()).contains("task words the change touches: ");
    }

    @Test
    void should_judge_a_branch_from_where_it_left_main_from_a_task_file() throws Exception {
        Path task = Files.writeString(tmp.resolve("task.txt"), GATEWAY + "\n");

        CliRun run = czar("fit", "gateway", "--task-file", task.toString(), "--against", AUDIT);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("drifting: the branch (Append-only audit log of admin actions")
                .contains("matches against:1's task").contains("  against:1 ").contains("HashChainLog.java");
    }

    @Test
    void should_combine_the_models_requirements_and_flag_a_path_the_diff_does_not_contain() throws Exception {
        try (ModelStub model = ModelStub.openAi()) {
            model.replies(ModelStub.ok(Fixtures.read("openai/chat.completions.final.json", Map.of("content", """
                    {"requirements": [
                      {"text": "REST endpoints that route client requests", "addressed": true,
                       "evidence": ["src/gateway/Routes.java:12"]},
                      {"text": "request validation", "addressed": false, "evidence": []}
                    ]}"""))));
            Map<String, String> env = Map.of("CZAR_LLM_PROVIDER", "openai", "CZAR_LLM_BASE_URL", model.baseUrl(),
                    "CZAR_LLM_MODEL", "gpt-4o-mini", "CZAR_LLM_API_KEY", "sk-test-" + "0123456789abcdefghij");

            CliRun run = czar(env, "fit", "--diff", Fixtures.path("fit/audit.diff").toString(), "--task", GATEWAY, "--json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode verdict = Json.MAPPER.readTree(run.out());
            assertThat(verdict.get("verdict").asText()).isEqualTo("drifting");
            assertThat(verdict.get("evidence")).extracting(JsonNode::asText).contains(
                    "model: 0 of 2 requirements addressed (with cited lines the diff has)",
                    "flagged citation: src/gateway/Routes.java:12 (the change does not touch this file)");
            assertThat(model.requests()).hasSize(1);
        }
    }

    @Test
    void should_refuse_bad_input_with_one_czar_line_and_exit_2() throws Exception {
        Path notADiff = Files.writeString(tmp.resolve("notes.txt"), "some notes, not a diff\n");
        List<CliRun> runs = List.of(
                czar("fit", "--task", AUDIT),
                czar("fit", "gateway", "--diff", notADiff.toString(), "--task", AUDIT),
                czar("fit", "--diff", notADiff.toString(), "--task", AUDIT),
                czar("fit", "--diff", tmp.resolve("missing.diff").toString(), "--task", AUDIT),
                czar("fit", "no-such-branch", "--task", AUDIT),
                czar("fit", "main", "--task", AUDIT),
                czar("fit", "gateway", "--task", "  "),
                czar("fit", "gateway"));

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip().lines()).singleElement().asString().startsWith("czar: ");
            assertThat(run.out()).isEmpty();
        });
    }

    private CliRun czar(String... args) {
        return czar(Map.of(), args);
    }

    private CliRun czar(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", repo.dir().toString(), "--home", tmp.resolve("home").toString()));
        return CliRun.run(env, Clock.fixed(Instant.parse("2026-11-06T10:00:00Z"), ZoneOffset.UTC),
                all.toArray(String[]::new));
    }
}
