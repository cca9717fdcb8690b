package dev.czar.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewConfigTest {
    @Test
    void should_default_to_four_parallel_personas_and_a_12000_token_budget() {
        ReviewConfig review = new ConfigLoader(Map.of()).load(null).review();

        assertThat(review.personasDir()).isEqualTo("personas");
        assertThat(review.maxParallel()).isEqualTo(4);
        assertThat(review.personaTimeoutSeconds()).isEqualTo(120);
        assertThat(review.tokenBudget()).isEqualTo(12000);
    }

    @Test
    void should_take_env_overrides_and_name_the_key_of_a_bad_value() {
        ReviewConfig review = new ConfigLoader(Map.of("CZAR_REVIEW_MAX_PARALLEL", "2")).load(null).review();

        assertThat(review.maxParallel()).isEqualTo(2);
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_REVIEW_TOKEN_BUDGET", "500")).load(null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("env CZAR_REVIEW_TOKEN_BUDGET: 'review.token-budget' must be at least 1000; got 500");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_REVIEW_MAX_PARALLEL", "0")).load(null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'review.max-parallel' must be between 1 and 16");
    }
}
