package dev.czar.workers;

import dev.czar.chat.EvidenceLog;
import dev.czar.chat.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * issue 22, one service per topic: a fleet question answered offline ({@link FleetAnswers}) and through the model's
 * tools ({@link WorkerTools}) makes the same {@link FleetFacts} calls and cites the same workstreams and heads.
 */
class FleetBothPathsTest {
    @TempDir
    Path tmp;
    Fleet fleet;
    final EvidenceLog offline = new EvidenceLog();
    final EvidenceLog tool = new EvidenceLog();

    @BeforeEach
    void twoQueuedWorkstreams() {
        fleet = new Fleet(tmp, Map.of("command", List.of()));
        fleet.launch("api", "Implement the API");
        fleet.launch("docs", "Write the docs");
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    private WorkerTools tools() {
        return (WorkerTools) WorkerTools.of(fleet.workers).bind(tool);
    }

    @Test
    void should_read_and_cite_the_same_facts_for_one_workstream_offline_and_through_the_tool() {
        // when
        String answered = new FleetAnswers(fleet.workers).answer("is api stuck?", offline).orElseThrow();
        String told = tools().detail("api");

        // then
        assertThat(answered).contains("api: QUEUED");
        assertThat(told).contains("api: QUEUED");
        assertThat(tool.toolCalls()).isEqualTo(offline.toolCalls())
                .containsExactly(new ToolCall("workers.list", true), new ToolCall("workers.view", true));
        assertThat(tool.evidence()).isEqualTo(offline.evidence()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.ref()).startsWith("api"));
    }

    @Test
    void should_read_and_cite_the_same_facts_for_the_whole_fleet_offline_and_through_the_tool() {
        // when
        new FleetAnswers(fleet.workers).answer("what is everyone doing?", offline).orElseThrow();
        tools().overview();

        // then
        assertThat(tool.toolCalls()).isEqualTo(offline.toolCalls()).containsExactly(new ToolCall("workers.list", true),
                new ToolCall("workers.view", true), new ToolCall("workers.view", true));
        assertThat(tool.evidence()).isEqualTo(offline.evidence()).hasSize(2);
    }
}
