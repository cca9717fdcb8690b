package dev.czar.workers;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.czar.agent.ChatModels;
import dev.czar.agent.Redactor;
import dev.czar.config.LlmConfig;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.understanding.MiniLmEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.czar.testsupport.SeedTasks.GATEWAY;
import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate's task-fit item when the verdict is unclear (issue 24; here the words say on task and the model finds
 * nothing of the task addressed): it waits for a human instead of passing or being skipped, and a human's merge of
 * the branch releases the wait.
 */
class TaskFitWaitTest {
    @TempDir
    Path tmp;
    Fleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void should_wait_for_a_human_when_the_fit_is_unclear_until_a_human_merges_the_branch() {
        // given: the words say on task, the model (a stand-in over HTTP) finds its requirement not addressed
        try (ModelStub model = ModelStub.openAi()) {
            String notAddressed = Fixtures.read("openai/chat.completions.final.json", Map.of("content",
                    "{\"requirements\": [{\"text\": \"REST endpoints that route client requests\", \"addressed\": false,"
                            + " \"evidence\": []}]}"));
            model.replies(Stream.generate(() -> ModelStub.ok(notAddressed)).limit(10)
                    .toArray(ResponseDefinitionBuilder[]::new));
            fleet = new Fleet(tmp, Map.of(), (f, wiring) -> wiring.judgingFit(MiniLmEmbedder.shared(), 0.2,
                    new ModelTaskFit(ChatModels.create(new LlmConfig("openai", model.baseUrl(),
                    "gpt-4o-mini", "sk-test-" + "0123456789abcdefghij")), Redactor.INSTANCE::redact)));
            fleet.launch("gateway", GATEWAY + "\nagent-mode: commit\nagent-file: src/gateway/Routes.java\n"
                    + "agent-content: public class Routes { void routeClientRequests() {} }\n"
                    + "agent-message: Gateway API routes for client requests\n");

            // when
            fleet.await("gateway", VERIFYING);
            fleet.await("gateway", w -> taskFit().isPresent(), Fleet.PATIENCE, "gated");

            // then
            GateItem waiting = taskFit().orElseThrow();
            assertThat(waiting.status()).as(waiting.line()).isEqualTo(GateItem.Status.WAIT);
            assertThat(waiting.evidence()).startsWith("unclear: the branch (").contains("model: 0 of 1 requirements")
                    .contains("a human decides: check the branch ('czar fit czar/gateway --task-file TASK.md')");
            assertThat(fleet.workers.find("gateway").orElseThrow().state()).isEqualTo(VERIFYING);

            // when: a human merges it
            fleet.repo.merge("czar/gateway");
            fleet.await("gateway", DONE);

            // then
            assertThat(taskFit().orElseThrow().line()).startsWith("PASS task-fit: unclear: ")
                    .endsWith("; released by the merge (a human's decision)");
        }
    }

    private java.util.Optional<GateItem> taskFit() {
        List<GateItem> items = fleet.workers.history().latestGate("gateway");
        return items.stream().filter(i -> i.item().equals("task-fit")).findFirst();
    }
}
