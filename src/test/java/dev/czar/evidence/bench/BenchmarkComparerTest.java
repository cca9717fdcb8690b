package dev.czar.evidence.bench;

import dev.czar.UserError;
import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class BenchmarkComparerTest {
    final Database db = MemoryDatabase.open();
    final BenchEvidence bench = BenchEvidence.over(db, BenchmarkImporterTest.CLOCK, 5, 0.05);

    @TempDir
    Path dir;

    @BeforeEach
    void importHistory() {
        bench.importer().importFiles(List.of(Fixtures.copy("bench/history.csv", dir)), null, false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_flag_a_slower_branch_against_the_median_of_the_last_main_runs() {
        // when
        List<Comparison> result = bench.compare("main", "feature-x", "parse_json");

        // then: baseline = median(12.4, 12.6, 12.5, 12.3, 12.7 ms) = 12.5 ms; candidate = median(16.1, 16.5) = 16.3 ms
        Comparison time = result.stream().filter(c -> c.metric().equals("time")).findFirst().orElseThrow();
        assertThat(time.baseline()).isCloseTo(0.0125, offset(1e-12));
        assertThat(time.candidate()).isCloseTo(0.0163, offset(1e-12));
        assertThat(time.ratio()).isCloseTo(1.304, offset(0.001));
        assertThat(time.verdict()).isEqualTo(Comparison.Verdict.REGRESSION);
        assertThat(time.verdictWord()).isEqualTo("slower");
        assertThat(time.baselineRows()).extracting(BenchRow::branch).containsOnly("main").hasSize(5);
        assertThat(time.candidateRows()).extracting(BenchRow::commit).containsOnly("abcdef12").hasSize(2);
    }

    @Test
    void should_call_a_change_inside_the_baseline_spread_noise() {
        // when: energy baseline 0.79..0.83 J (median 0.81), candidate median 0.825 J
        Comparison energy = bench.compare("main", "feature-x", "parse_json").stream()
                .filter(c -> c.metric().equals("energy")).findFirst().orElseThrow();

        // then
        assertThat(energy.unit()).isEqualTo("J");
        assertThat(energy.verdict()).isEqualTo(Comparison.Verdict.WITHIN_NOISE);
    }

    @Test
    void should_report_a_faster_branch_as_an_improvement() {
        Comparison time = time(bench.compare("main", "feature-y", "parse_json"));

        assertThat(time.verdict()).isEqualTo(Comparison.Verdict.IMPROVEMENT);
        assertThat(time.verdictWord()).isEqualTo("faster");
    }

    @Test
    void should_compare_two_commits_by_sha_prefix() {
        Comparison time = time(bench.compare("1111111", "5555555e", "parse_json"));

        assertThat(time.baselineRows()).hasSize(1);
        assertThat(time.ratio()).isCloseTo(12.7 / 12.4, offset(1e-9));
    }

    @Test
    void should_refuse_a_ref_without_results_in_one_line() {
        assertThatThrownBy(() -> bench.compare("main", "nope", null))
                .isInstanceOf(UserError.class)
                .hasMessage("no benchmark results for 'nope' (branches with results: feature-x, feature-y, main)");
    }

    @Test
    void should_keep_the_latest_row_of_every_series() {
        assertThat(bench.latest()).extracting(BenchText::row).containsExactly(
                "parse_json energy = 0.6 J on feature-y @fedcba9, 2026-11-06 10:00Z, row 8000001",
                "parse_json time = 0.0091 s (9.1 ms) on feature-y @fedcba9, 2026-11-06 10:00Z, row 8000000");
    }

    @Test
    void should_draw_a_png_trend_chart(@TempDir Path out) throws Exception {
        Path png = out.resolve("parse_json.png");

        int points = bench.writeChart("parse_json", png, 100);

        assertThat(points).isEqualTo(16);
        byte[] head = java.nio.file.Files.readAllBytes(png);
        assertThat(head).startsWith(0x89, 'P', 'N', 'G');
        javax.imageio.ImageIO.read(png.toFile());
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
    }

    private static Comparison time(List<Comparison> comparisons) {
        return comparisons.stream().filter(c -> c.metric().equals("time")).findFirst().orElseThrow();
    }
}
