package dev.czar.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** issue 19's settings: workers.pull-requests, workers.merge-method, git.remote, git.fetch-interval. */
class PullRequestsConfigTest {
    @Test
    void should_open_pull_requests_only_when_github_is_configured_unless_told_otherwise() {
        CzarConfig defaults = new ConfigLoader(Map.of()).load(null);
        CzarConfig off = new ConfigLoader(Map.of("CZAR_WORKERS_PULL_REQUESTS", "off")).load(null);
        CzarConfig on = new ConfigLoader(Map.of("CZAR_WORKERS_PULL_REQUESTS", "on")).load(null);

        assertThat(defaults.workers().pullRequestsOn(true)).isTrue();
        assertThat(defaults.workers().pullRequestsOn(false)).isFalse();
        assertThat(off.workers().pullRequestsOn(true)).isFalse();
        assertThat(on.workers().pullRequestsOn(false)).isTrue();
        assertThat(defaults.workers().mergeMethod()).isEqualTo("squash");
        assertThat(defaults.git().remote()).isEqualTo("origin");
        assertThat(defaults.git().fetchInterval()).isEqualTo("60s");
    }

    @Test
    void should_name_the_key_of_a_bad_pull_request_setting() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_MERGE_METHOD", "octopus")).load(null))
                .hasMessageContaining("'workers.merge-method' must be squash, merge or rebase; got 'octopus'");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_PULL_REQUESTS", "maybe")).load(null))
                .hasMessageContaining("'workers.pull-requests' must be auto, on or off; got 'maybe'");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_GIT_FETCH_INTERVAL", "often")).load(null))
                .hasMessageContaining("'git.fetch-interval' must be a duration");
    }
}
