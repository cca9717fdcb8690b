package dev.czar.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import dev.czar.chat.ToolCall;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.czar.testsupport.ModelStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The real LangChain4j Anthropic client against a WireMock stand-in of the Messages API. */
class AnthropicProviderTest {
    @TempDir
    Path dir;

    @Test
    void should_run_the_tool_loop_over_the_anthropic_messages_api() {
        // given
        Clock clock = Clock.fixed(TempGitRepo.EPOCH.plusSeconds(86_400), ZoneOffset.UTC);
        try (TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"), "main");
             ModelStub model = ModelStub.anthropic()) {
            repo.commit("Initial import", Map.of("README.md", "czar\n"));
            repo.branch("feature-x");
            String head = repo.commit("Add parser", Map.of("src/Parser.java", "class Parser {}\n")).substring(0, 7);
            repo.checkout("main");
            model.replies(ok(Fixtures.read("anthropic/messages.tool_use.branch_status.json", Map.of("branch", "feature-x"))),
                    ok(Fixtures.read("anthropic/messages.final.json", Map.of("content", "feature-x is 1 commit ahead of main at " + head + "."))));
            Map<String, String> env = Map.of("CZAR_LLM_PROVIDER", "anthropic", "CZAR_LLM_BASE_URL", model.baseUrl(),
                    "CZAR_LLM_MODEL", "claude-3-5-haiku-latest", "CZAR_LLM_API_KEY", "sk-ant-test-key-0000000000000000");
            try (CzarApp app = Czar.assemble(new StartOptions(repo.dir(), dir.resolve("home"), null, env, clock))) {
                // when
                Answer answer = app.chat().handle(new Message("status of feature-x", "local:t", "cli", null, clock.instant()));
                // then
                assertThat(answer.llmCalls()).isEqualTo(2);
                assertThat(answer.toolCalls()).containsExactly(new ToolCall("git.branch_status", true));
                assertThat(answer.unverified()).isEmpty();
                assertThat(answer.tokens().input()).isEqualTo(640 + 733);
                assertThat(model.requests().get(0).getHeader("x-api-key")).isEqualTo("sk-ant-test-key-0000000000000000");
                JsonNode toolResult = model.request(1).get("messages").get(2).get("content").get(0);
                assertThat(toolResult.get("type").asText()).isEqualTo("tool_result");
                assertThat(toolResult.get("tool_use_id").asText()).isEqualTo("toolu_01CzarBranchStatus");
                assertThat(toolResult.get("content").asText()).contains("branch feature-x " + head, "ahead=1");
            }
        }
    }
}
