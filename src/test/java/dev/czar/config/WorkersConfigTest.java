package dev.czar.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkersConfigTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/workers/czar-workers.yaml");

    @Test
    void should_keep_workers_off_and_auto_merge_off_by_default() {
        WorkersConfig workers = new ConfigLoader(Map.of()).load(null).workers();

        assertThat(workers.enabled()).isFalse();
        assertThat(workers.maxParallel()).isEqualTo(2);
        assertThat(workers.stuckAfterDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(workers.unsafe().autoMerge()).isFalse();
        assertThat(workers.workingCopies()).isEqualTo("auto");
    }

    @Test
    void should_read_the_worker_command_as_a_list_and_durations_from_the_file() {
        WorkersConfig workers = new ConfigLoader(Map.of()).load(FIXTURE).workers();

        assertThat(workers.command()).isEqualTo(List.of("bash", "AGENT"));
        assertThat(workers.pollEvery()).isEqualTo(Duration.ofMillis(50));
        assertThat(workers.maxRetries()).isZero();
    }

    @Test
    void should_let_env_override_a_worker_setting() {
        WorkersConfig workers = new ConfigLoader(Map.of("CZAR_WORKERS_STUCK_AFTER", "90s",
                "CZAR_WORKERS_UNSAFE_AUTO_MERGE", "true")).load(FIXTURE).workers();

        assertThat(workers.stuckAfterDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(workers.unsafe().autoMerge()).isTrue();
    }

    @Test
    void should_name_the_key_of_a_malformed_duration_or_prompt_pattern() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_STUCK_AFTER", "ten minutes")).load(null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'workers.stuck-after' must be a duration such as 500ms, 90s, 10m, 2h or 7d; got 'ten minutes'");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_PROMPT_PATTERN", "([y/n]")).load(null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'workers.prompt-pattern' is not a valid regular expression");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_MAX_PARALLEL", "0")).load(null))
                .hasMessageContaining("'workers.max-parallel' must be between 1 and 64; got 0");
    }

    @Test
    void should_default_the_done_pattern_to_a_whole_czar_done_line_and_read_it_from_env_or_switch_it_off() {
        java.util.regex.Pattern done = java.util.regex.Pattern.compile(new ConfigLoader(Map.of()).load(null).workers().donePattern());
        WorkersConfig custom = new ConfigLoader(Map.of("CZAR_WORKERS_DONE_PATTERN", "^ALL DONE$")).load(FIXTURE).workers();
        WorkersConfig off = new ConfigLoader(Map.of("CZAR_WORKERS_DONE_PATTERN", "none")).load(FIXTURE).workers();

        assertThat(List.of("CZAR_DONE", "  CZAR_DONE: parser written", "CZAR_DONE\r")).allMatch(l -> done.matcher(l).find());
        assertThat(List.of("I will print CZAR_DONE when done", "echo CZAR_DONE", "CZAR_DONE_NOT", "czar_done"))
                .noneMatch(l -> done.matcher(l).find());
        assertThat(custom.donePattern()).isEqualTo("^ALL DONE$");
        assertThat(custom.doneClaims()).isTrue();
        assertThat(off.doneClaims()).isFalse();
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_DONE_PATTERN", "(DONE")).load(null))
                .hasMessageContaining("'workers.done-pattern' is not a valid regular expression");
    }
}
