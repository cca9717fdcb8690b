package dev.czar.agent;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.ToolCall;
import dev.czar.config.CiConfig;
import dev.czar.evidence.bench.BenchEvidence;
import dev.czar.evidence.ci.CiSources;
import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceToolAdaptersTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T12:00:00Z"), ZoneOffset.UTC);

    final Database db = MemoryDatabase.open();
    final EvidenceLog log = new EvidenceLog();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void bench_compare_tool_returns_the_ratio_and_cites_every_row_it_used() {
        // given
        BenchEvidence bench = BenchEvidence.over(db, CLOCK, 5, 0.05);
        bench.importer().importFiles(List.of(Fixtures.copy("bench/history.csv", dir)), null, false);

        // when
        String result = new BenchTools(bench, log).compareBenchmarks("main", "feature-x", "parse_json");

        // then
        assertThat(result).contains("parse_json time: 0.0163 s on feature-x vs 0.0125 s on main = 1.304x, slower");
        assertThat(log.evidence()).extracting(Evidence::ref).containsExactlyInAnyOrder(
                "1000000", "2000000", "3000000", "4000000", "5000000", "1000001", "2000001", "3000001", "4000001", "5000001",
                "6000000", "6000001", "7000000", "7000001");
        assertThat(log.toolCalls()).containsExactly(new ToolCall("bench.compare", true));
    }

    @Test
    void should_expose_ci_and_bench_tools_to_the_model_once_registered() {
        // given
        BenchEvidence bench = BenchEvidence.over(db, CLOCK, 5, 0.05);
        bench.importer().importFiles(List.of(Fixtures.copy("bench/history.csv", dir)), null, false);
        CiSources ci = CiSources.over(new CiConfig(null), null, db, CLOCK);
        AgentTools tools = new AgentTools().register(BenchTools.of(bench)).register(CiTools.of(ci, CLOCK));

        // when
        AgentTools.Bound bound = tools.bind(log, 4000);
        String result = bound.execute(dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("call_1")
                .name("bench_compare").arguments("{\"base\":\"main\",\"candidate\":\"feature-x\",\"benchmark\":\"parse_json\"}")
                .build());

        // then
        assertThat(bound.specifications()).extracting(dev.langchain4j.agent.tool.ToolSpecification::name)
                .containsExactly("bench_compare", "bench_history", "bench_latest", "ci_runs", "ci_test_reports");
        assertThat(result).contains("1.304x, slower");
        assertThat(log.toolCalls()).containsExactly(new ToolCall("bench.compare", true));
    }

    @Test
    void should_offer_feature_tools_only_for_questions_about_their_topic() {
        // given
        BenchEvidence bench = BenchEvidence.over(db, CLOCK, 5, 0.05);
        CiSources ci = CiSources.over(new CiConfig(null), null, db, CLOCK);
        AgentTools tools = new AgentTools().register(BenchTools.of(bench), Topic.BENCH)
                .register(CiTools.of(ci, CLOCK), Topic.CI);

        // when / then
        assertThat(names(tools.bind(log, 4000, "status of feature-7"))).isEmpty();
        assertThat(names(tools.bind(log, 4000, "is CI green on feature-7?"))).containsExactly("ci_runs", "ci_test_reports");
        assertThat(names(tools.bind(log, 4000, "did feature-7 make parse_json slower?")))
                .containsExactly("bench_compare", "bench_history", "bench_latest");
    }

    private static List<String> names(AgentTools.Bound bound) {
        return bound.specifications().stream().map(dev.langchain4j.agent.tool.ToolSpecification::name).toList();
    }

    @Test
    void bench_tool_turns_a_bad_ref_into_a_one_line_error_for_the_model() {
        BenchEvidence bench = BenchEvidence.over(db, CLOCK, 5, 0.05);
        bench.importer().importFiles(List.of(Fixtures.copy("bench/history.csv", dir)), null, false);

        String result = new BenchTools(bench, log).compareBenchmarks("main", "nope", null);

        assertThat(result).isEqualTo("error: no benchmark results for 'nope' (branches with results: feature-x, feature-y, main)");
        assertThat(log.toolCalls()).containsExactly(new ToolCall("bench.compare", false));
        assertThat(log.evidence()).isEmpty();
    }

    @Test
    void ci_tools_fail_open_without_github_and_cite_imported_test_reports() {
        // given
        CiSources ci = CiSources.over(new CiConfig(null), null, db, CLOCK);
        String sha = "acb5820ced9479c074f688cc328bf03f341a511d";
        ci.junit().importReports(sha, List.of(Fixtures.path("junit/pytest-junit.xml")));
        CiTools tools = new CiTools(ci, log, CLOCK);

        // when
        String runs = tools.ciRuns("feature-x");
        String tests = tools.testReports("acb5820");

        // then
        assertThat(runs).startsWith("GitHub Actions is not configured");
        assertThat(tests).startsWith("Tests for acb5820: FAILED, 3 run, 1 failed");
        assertThat(log.evidence()).extracting(Evidence::source, Evidence::ref).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ci", "test-report/1"));
    }
}
