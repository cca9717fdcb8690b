package dev.czar.agent;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import dev.czar.chat.ToolCall;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.czar.testsupport.ModelStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * issue 22, Done when: the same git question, answered offline and through the model's tool loop (the real
 * LangChain4j Anthropic client against a stand-in of the Messages API), rests on the same facts calls and cites the
 * same commits, because both paths render {@link dev.czar.evidence.git.GitFacts}.
 */
class GitOfflineAndToolLoopEvidenceTest {
    private static final Clock CLOCK = Clock.fixed(TempGitRepo.EPOCH.plusSeconds(86_400), ZoneOffset.UTC);

    @TempDir
    Path dir;
    TempGitRepo repo;
    String featureHead;
    String mainHead;

    @BeforeEach
    void repository() {
        // given: feature-x one commit ahead of the main branch and one behind; main is called master here, so a
        // path that assumed the name "main" would cite other evidence
        repo = TempGitRepo.init(dir.resolve("repo"), "master");
        repo.commit("Initial import", Map.of("README.md", "czar\n"));
        repo.branch("feature-x");
        featureHead = repo.commit("Add parser", Map.of("src/Parser.java", "class Parser {}\n"));
        repo.checkout("master");
        mainHead = repo.commit("Fix typo in README", Map.of("README.md", "czar!\n"));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        repo.close();
    }

    @Test
    void should_cite_the_same_heads_for_a_branch_status_offline_and_through_the_tool_loop() {
        // when
        Answer offline = askOffline("status of feature-x");
        Answer model = askModel("status of feature-x",
                Fixtures.read("anthropic/messages.tool_use.branch_status.json", Map.of("branch", "feature-x")),
                "feature-x is 1 commit ahead of master at " + featureHead.substring(0, 7) + ".");

        // then
        assertThat(offline.llmCalls()).isZero();
        assertThat(model.llmCalls()).isEqualTo(2);
        // the offline answer also reads the fleet and the branch names to decide who answers; the facts call is the tool's
        assertThat(model.toolCalls()).containsExactly(new ToolCall("git.branch_status", true));
        assertThat(offline.toolCalls()).endsWith(model.toolCalls().toArray(ToolCall[]::new));
        assertThat(model.evidence()).isEqualTo(offline.evidence());
        assertThat(offline.evidence()).extracting(e -> e.ref() + " " + e.detail())
                .containsExactly(featureHead + " head of feature-x", mainHead + " head of master");
    }

    @Test
    void should_cite_the_same_commits_for_what_landed_offline_and_through_the_tool_loop() {
        // when
        Answer offline = askOffline("what landed in the last 7 days?");
        Answer model = askModel("what landed in the last 7 days?", Fixtures.read("anthropic/messages.tool_use.git_landed.json"),
                "2 commits landed on master: " + mainHead.substring(0, 7) + " and an initial import.");

        // then: the offline answer first checks for pull requests (none), then reads main's history as the tool does
        assertThat(model.toolCalls()).containsExactly(new ToolCall("git.landed", true));
        assertThat(offline.toolCalls()).containsSubsequence(model.toolCalls());
        assertThat(model.evidence()).isEqualTo(offline.evidence()).hasSize(2)
                .allSatisfy(e -> assertThat(e.detail()).isEqualTo("landed on master"));
        assertThat(offline.evidence().get(0).ref()).isEqualTo(mainHead);
    }

    private Answer askOffline(String question) {
        try (CzarApp app = Czar.assemble(new StartOptions(repo.dir(), dir.resolve("home-offline"), null, Map.of(), CLOCK))) {
            return app.chat().handle(new Message(question, "local:t", "cli", null, CLOCK.instant()));
        }
    }

    private Answer askModel(String question, String toolUse, String finalText) {
        try (ModelStub model = ModelStub.anthropic()) {
            model.replies(ok(toolUse), ok(Fixtures.read("anthropic/messages.final.json", Map.of("content", finalText))));
            Map<String, String> env = Map.of("CZAR_LLM_PROVIDER", "anthropic", "CZAR_LLM_BASE_URL", model.baseUrl(),
                    "CZAR_LLM_MODEL", "claude-3-5-haiku-latest", "CZAR_LLM_API_KEY", "sk-ant-test-key-0000000000000000");
            try (CzarApp app = Czar.assemble(new StartOptions(repo.dir(), dir.resolve("home-model"), null, env, CLOCK))) {
                return app.chat().handle(new Message(question, "local:t", "cli", null, CLOCK.instant()));
            }
        }
    }
}
