package dev.czar.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlackConfigTest {
    @Test
    void should_size_the_answer_pool_to_half_the_cores_offline_and_wider_with_an_llm() {
        SlackConfig auto = new ConfigLoader(Map.of()).load(null).slack();

        assertThat(auto.workers()).isZero();
        assertThat(auto.resolveWorkers(false, 2).workers()).isEqualTo(1);
        assertThat(auto.resolveWorkers(false, 8).workers()).isEqualTo(4);
        assertThat(auto.resolveWorkers(true, 2).workers()).isEqualTo(4);
    }

    @Test
    void should_keep_an_explicit_worker_count() {
        SlackConfig fixed = new ConfigLoader(Map.of("CZAR_SLACK_WORKERS", "3")).load(null).slack();

        assertThat(fixed.resolveWorkers(false, 2).workers()).isEqualTo(3);
        assertThat(fixed.resolveWorkers(false, 2).queueCapacity()).isEqualTo(fixed.queueCapacity());
    }
}
