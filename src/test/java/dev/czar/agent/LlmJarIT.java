package dev.czar.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.CzarProcess;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.czar.testsupport.ModelStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code czar ask --json} from the fat jar, with {@code CZAR_LLM_BASE_URL} pointed at an OpenAI-compatible server. */
class LlmJarIT {
    @TempDir
    Path tmp;

    @Test
    void should_answer_through_an_openai_compatible_server_named_by_env() throws Exception {
        // given
        Path repo = tmp.resolve("repo");
        String head;
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("a.txt", "a\n"));
            git.branch("feature-x");
            head = git.commit("feature work", Map.of("b.txt", "b\n"));
            git.checkout("main");
        }
        try (ModelStub model = ModelStub.openAi()) {
            model.replies(ok(Fixtures.read("openai/chat.completions.tool_call.branch_status.json", Map.of("branch", "feature-x"))),
                    ok(Fixtures.read("openai/chat.completions.final.json",
                            Map.of("content", "feature-x is 1 commit ahead of main at " + head.substring(0, 7) + "; see also 0badc0de1."))));
            Map<String, String> env = Map.of("CZAR_LLM_PROVIDER", "openai", "CZAR_LLM_BASE_URL", model.baseUrl(),
                    "CZAR_LLM_MODEL", "gpt-4o-mini", "CZAR_LLM_API_KEY", "sk-it-0123456789abcdefghijkl");
            // when
            CzarProcess run = CzarProcess.run(repo, "", env, "ask", "--json", "status of feature-x");
            // then
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode json = Json.MAPPER.readTree(run.out());
            assertThat(json.get("llm_calls").asInt()).isEqualTo(2);
            assertThat(json.get("tool_calls").findValuesAsText("name")).containsExactly("git.branch_status");
            assertThat(json.get("evidence").findValuesAsText("ref")).contains(head);
            assertThat(json.get("unverified").toString()).isEqualTo("[\"0badc0de1\"]");
            assertThat(json.get("tokens").get("input").asInt()).isEqualTo(612 + 701);
            assertThat(model.requests().get(0).getHeader("Authorization")).isEqualTo("Bearer sk-it-0123456789abcdefghijkl");
        }
    }
}
