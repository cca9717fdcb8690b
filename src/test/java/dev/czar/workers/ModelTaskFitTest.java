package dev.czar.workers;

import dev.czar.agent.ChatModels;
import dev.czar.agent.Redactor;
import dev.czar.config.LlmConfig;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.czar.testsupport.ModelStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task fit with a model (issue 24), against an OpenAI-compatible stand-in at the HTTP level: the model's
 * requirements count as addressed only with citations the diff backs; a path or line the diff lacks is flagged.
 */
class ModelTaskFitTest {
    private static final String AUDIT = "Add a tamper-evident audit log: every admin action is recorded in an "
            + "append-only hash chain, and the chain can be verified";
    private final ModelStub model = ModelStub.openAi();
    private final ChangeSummary audit = UnifiedDiff.parse(Fixtures.text("fit/audit.diff").getBytes(StandardCharsets.UTF_8));

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void should_count_requirements_backed_by_lines_the_diff_adds_and_flag_a_hallucinated_path() {
        // given
        model.replies(ok(reply("""
                {"requirements": [
                  {"text": "record every admin action", "addressed": true, "evidence": ["src/admin/AdminActions.java:8"]},
                  {"text": "append-only hash chain", "addressed": true, "evidence": ["src/audit/HashChainLog.java:9-12"]},
                  {"text": "the chain can be verified", "addressed": true, "evidence": ["src/audit/ChainVerifier.java:4"]},
                  {"text": "tamper-evident storage", "addressed": true, "evidence": ["src/audit/HashChainLog.java:40"]}
                ]}""")));

        // when
        ModelTaskFit.Reading reading = fit().read(AUDIT, audit);

        // then
        assertThat(reading.problem()).isNull();
        assertThat(reading.addressed()).isEqualTo(2);
        assertThat(reading.flagged()).containsExactly(
                "src/audit/ChainVerifier.java:4 (the change does not touch this file)",
                "src/audit/HashChainLog.java:40 (the change adds no line 40 there)");
        assertThat(ModelTaskFit.evidence(reading)).contains("model: 2 of 4 requirements addressed (with cited lines the diff has)",
                "flagged citation: src/audit/ChainVerifier.java:4 (the change does not touch this file)");
        assertThat(ModelTaskFit.combine(TaskFit.Verdict.UNCLEAR, reading)).isEqualTo(TaskFit.Verdict.ON_TASK);
    }

    @Test
    void should_show_the_model_the_task_and_the_numbered_added_lines_of_each_file() {
        model.replies(ok(reply("{\"requirements\": [{\"text\": \"audit log\", \"addressed\": false, \"evidence\": []}]}")));

        ModelTaskFit.Reading reading = fit().read(AUDIT, audit);

        String prompt = model.request(0).get("messages").get(1).get("content").asText();
        assertThat(prompt).startsWith("Task:\n" + AUDIT).contains("### src/audit/HashChainLog.java (+17 -0)")
                .contains("9:     public synchronized void recordAdminAction(String actor, String action) {");
        assertThat(reading.addressed()).isZero();
        assertThat(ModelTaskFit.combine(TaskFit.Verdict.ON_TASK, reading)).as("they disagree: a human decides")
                .isEqualTo(TaskFit.Verdict.UNCLEAR);
        assertThat(ModelTaskFit.combine(TaskFit.Verdict.UNCLEAR, reading)).isEqualTo(TaskFit.Verdict.DRIFTING);
    }

    @Test
    void should_keep_the_offline_verdict_when_the_reply_is_not_the_json_asked_for() {
        model.replies(ok(reply("It looks fine to me!")));

        ModelTaskFit.Reading reading = fit().read(AUDIT, audit);

        assertThat(reading.problem()).isEqualTo("the model's reply is not the JSON asked for");
        assertThat(ModelTaskFit.combine(TaskFit.Verdict.DRIFTING, reading)).isEqualTo(TaskFit.Verdict.DRIFTING);
    }

    private ModelTaskFit fit() {
        LlmConfig llm = new LlmConfig("openai", model.baseUrl(), "gpt-4o-mini", "sk-test-" + "0123456789abcdefghij");
        return new ModelTaskFit(ChatModels.create(llm), Redactor.INSTANCE::redact);
    }

    private static String reply(String content) {
        return Fixtures.read("openai/chat.completions.final.json", Map.of("content", content));
    }
}
