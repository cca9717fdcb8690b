package dev.czar.workers;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.ToolCall;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecifications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerToolsTest {
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
    void should_answer_the_model_from_recorded_workstreams_and_cite_them_as_worker_evidence() {
        // given
        fleet = new Fleet(tmp, Map.of("command", List.of()));
        fleet.launch("api", "Implement the API");
        EvidenceLog log = new EvidenceLog();
        WorkerTools tools = (WorkerTools) WorkerTools.of(fleet.workers).bind(log);

        // when
        String overview = tools.overview();
        String detail = tools.detail("api");

        // then
        assertThat(overview).contains("api: QUEUED on czar/api (no commits yet)");
        assertThat(detail).contains("It is waiting for a free worker slot.");
        assertThat(log.evidence()).extracting(Evidence::source, Evidence::ref).contains(org.assertj.core.groups.Tuple.tuple("worker", "api"));
        assertThat(log.toolCalls()).extracting(ToolCall::name).contains("workers.list", "workers.view");
    }

    @Test
    void should_offer_two_read_only_tools_with_stable_names() {
        List<String> names = Arrays.stream(WorkerTools.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Tool.class))
                .map(ToolSpecifications::toolSpecificationFrom).map(s -> s.name()).sorted().toList();

        assertThat(names).containsExactly("worker_detail", "workers_overview");
    }
}
