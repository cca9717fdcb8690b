package dev.czar.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ci.github.webhook-secret: the endpoint is off without it, and the secret never shows in a printed config. */
class GithubWebhookConfigTest {
    @Test
    void should_keep_webhooks_off_until_a_secret_and_a_repository_are_set() {
        CzarConfig defaults = new ConfigLoader(Map.of()).load(null);
        CzarConfig secretOnly = new ConfigLoader(Map.of("CZAR_GITHUB_WEBHOOK_SECRET", "fake-secret")).load(null);
        CzarConfig both = new ConfigLoader(Map.of("CZAR_GITHUB_WEBHOOK_SECRET", "fake-secret",
                "CZAR_CI_GITHUB_REPO", "octocat/Hello-World")).load(null);

        assertThat(defaults.ci().github().webhookSecret()).isEmpty();
        assertThat(defaults.ci().github().webhooksOn()).isFalse();
        assertThat(secretOnly.ci().github().webhooksOn()).isFalse();
        assertThat(both.ci().github().webhooksOn()).isTrue();
        assertThat(both.ci().github().webhookSecret()).isEqualTo("fake-secret");
    }

    @Test
    void should_not_print_the_secret() {
        CzarConfig config = new ConfigLoader(Map.of("CZAR_CI_GITHUB_WEBHOOK_SECRET", "fake-secret-42")).load(null);

        assertThat(config.ci().github().toString()).doesNotContain("fake-secret-42").contains("webhookSecret=set");
        assertThat(config.toString()).doesNotContain("fake-secret-42");
    }
}
