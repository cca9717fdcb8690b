package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCliTest {
    @TempDir
    Path tmp;

    TempGitRepo repo;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void repo() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "hello\n"));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    int czar(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", repo.dir().toString(), "--home", tmp.resolve("home").toString()));
        CommandLine cli = CzarCommand.commandLine(Czar::assemble, Map.of(),
                Clock.fixed(Instant.parse("2026-11-10T12:00:00Z"), ZoneOffset.UTC));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void should_print_the_import_report_as_json_and_add_nothing_on_reimport() throws Exception {
        // given
        String file = Fixtures.copy("bench/noisy.csv", tmp).toString();

        // when
        int first = czar("bench", "import", file, "--json");
        JsonNode report = Json.MAPPER.readTree(out.toString());
        int second = czar("bench", "import", file, "--json");
        JsonNode again = Json.MAPPER.readTree(out.toString());

        // then
        assertThat(first).isZero();
        assertThat(report.get("inserted").asInt()).isEqualTo(5);
        assertThat(report.get("rejected").get(0).toString()).isEqualTo(
                "{\"file\":\"noisy.csv\",\"line\":5,\"reason\":\"value 'N' is not a number\"}");
        assertThat(report.get("dry_run").asBoolean()).isFalse();
        assertThat(second).isZero();
        assertThat(again.get("inserted").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(6);
    }

    @Test
    void should_answer_whether_a_branch_made_a_benchmark_slower_citing_row_ids() throws Exception {
        // given
        czar("bench", "import", Fixtures.copy("bench/history.csv", tmp).toString());

        // when
        int code = czar("ask", "--json", "did feature-x make parse_json slower?");
        JsonNode answer = Json.MAPPER.readTree(out.toString());

        // then
        assertThat(code).isZero();
        assertThat(answer.get("intent").asText()).isEqualTo("STATUS");
        assertThat(answer.get("answer").asText())
                .startsWith("Yes: feature-x made parse_json slower, ratio 1.304 against the main baseline.")
                .contains("rows 5000000, 4000000, 3000000, 2000000, 1000000 vs 7000000, 6000000");
        List<String> cited = new ArrayList<>();
        answer.get("evidence").forEach(e -> cited.add(e.get("source").asText() + ":" + e.get("ref").asText()));
        assertThat(cited).containsExactly("bench:5000000", "bench:4000000", "bench:3000000", "bench:2000000", "bench:1000000", "bench:7000000",
                "bench:6000000");
        assertThat(answer.get("tool_calls").toString()).contains("\"name\":\"bench.compare\",\"ok\":true");
        assertThat(answer.get("llm_calls").asInt()).isZero();
    }

    @Test
    void should_show_compare_and_chart_from_the_command_line() throws Exception {
        // given
        czar("bench", "import", Fixtures.copy("bench/history.csv", tmp).toString());

        // when / then
        assertThat(czar("bench", "show", "parse_json", "--branch", "feature-x")).isZero();
        assertThat(out.toString()).startsWith("parse_json history, newest first:\n  parse_json energy = 0.81 J on feature-x @abcdef1, 2026-11-06 09:05Z, row 7000001\n  parse_json time = 0.0165 s (16.5 ms) on feature-x @abcdef1");
        assertThat(czar("bench", "compare", "main", "feature-y")).isZero();
        assertThat(out.toString()).startsWith("feature-y against main: 2 series, 0 worse.").contains("faster");
        Path png = tmp.resolve("charts/parse_json.png");
        assertThat(czar("bench", "chart", "parse_json", "--out", png.toString())).isZero();
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void should_refuse_bad_input_in_one_line() {
        assertThat(czar("bench", "import", tmp.resolve("missing.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("czar: no such file: " + tmp.resolve("missing.csv") + System.lineSeparator());
        assertThat(czar("bench", "compare", "main", "nowhere")).isEqualTo(2);
        assertThat(err.toString()).startsWith("czar: no benchmark results for 'main'");
    }
}
