package dev.czar.config;

import dev.czar.UserError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void should_default_the_replica_reclaim_to_thirty_seconds_and_refuse_less_than_three() {
        assertThat(new ConfigLoader(Map.of()).load(null).slack().reclaimAfterSeconds()).isEqualTo(30);
        assertThat(new ConfigLoader(Map.of("CZAR_SLACK_RECLAIM_AFTER_SECONDS", "5")).load(null).slack().reclaimAfterSeconds())
                .isEqualTo(5);
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_SLACK_RECLAIM_AFTER_SECONDS", "1")).load(null))
                .isInstanceOf(UserError.class)
                .hasMessage("env CZAR_SLACK_RECLAIM_AFTER_SECONDS: 'slack.reclaim-after-seconds' must be at least 3; got 1");
    }
}
