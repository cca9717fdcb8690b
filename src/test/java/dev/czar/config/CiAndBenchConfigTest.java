package dev.czar.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CiAndBenchConfigTest {
    static final List<String> KEYS = List.of("ci.github.repo", "ci.github.api-url", "ci.github.timeout-seconds",
            "ci.github.max-attempts", "bench.baseline-runs", "bench.min-noise-percent", "ci.max-report-bytes",
            "bench.max-import-bytes", "bench.max-line-chars");

    @Test
    void should_default_to_github_off_and_a_five_run_baseline() {
        CzarConfig config = CzarConfig.defaults();

        assertThat(config.ci().github().enabled()).isFalse();
        assertThat(config.ci().github().timeoutSeconds()).isEqualTo(10);
        assertThat(config.ci().github().maxAttempts()).isEqualTo(3);
        assertThat(config.bench().baselineRuns()).isEqualTo(5);
        assertThat(config.bench().minNoisePercent()).isEqualTo(5);
    }

    @Test
    void should_bound_imports_at_256_mib_and_1_mib_lines_unless_configured(@TempDir Path dir) throws Exception {
        CzarConfig defaults = CzarConfig.defaults();
        Path file = Files.writeString(dir.resolve("czar.yaml"), "ci:\n  max-report-bytes: 1048576\n"
                + "bench:\n  max-import-bytes: 2048\n  max-line-chars: 4096\n");

        CzarConfig configured = new ConfigLoader(Map.of("CZAR_BENCH_MAX_LINE_CHARS", "500")).load(file);

        assertThat(defaults.ci().maxReportBytes()).isEqualTo(256L << 20);
        assertThat(defaults.bench().maxImportBytes()).isEqualTo(256L << 20);
        assertThat(defaults.bench().maxLineChars()).isEqualTo(1 << 20);
        assertThat(configured.ci().maxReportBytes()).isEqualTo(1_048_576L);
        assertThat(configured.bench().maxImportBytes()).isEqualTo(2048L);
        assertThat(configured.bench().maxLineChars()).isEqualTo(500);
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_CI_MAX_REPORT_BYTES", "0")).load(null))
                .hasMessage("env CZAR_CI_MAX_REPORT_BYTES: 'ci.max-report-bytes' must be at least 1; got 0");
    }

    @Test
    void should_take_github_settings_from_the_conventional_env_names() {
        CzarConfig config = new ConfigLoader(Map.of("CZAR_GITHUB_REPO", "octo-org/octo-repo",
                "CZAR_GITHUB_API_URL", "http://127.0.0.1:8080", "CZAR_BENCH_BASELINE_RUNS", "9")).load(null);

        assertThat(config.ci().github().repo()).isEqualTo("octo-org/octo-repo");
        assertThat(config.ci().github().apiUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.bench().baselineRuns()).isEqualTo(9);
    }

    @Test
    void should_name_the_key_of_an_out_of_range_value(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("czar.yaml"), "bench:\n  min-noise-percent: 250\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": 'bench.min-noise-percent' must be between 0 and 100; got 250");
    }

    @Test
    void should_document_every_ci_and_bench_key_in_the_shipped_config() throws Exception {
        String yaml = Files.readString(Path.of("config", "czar.yaml"));

        assertThat(ConfigLoader.scalarKeys()).containsAll(KEYS);
        for (String key : KEYS) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertThat(yaml).as(key).containsPattern("(?m)^\\s+" + leaf + ": ");
        }
    }
}
