package dev.czar.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesConfigTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/workers/czar-kubernetes.yaml");

    @Test
    void should_run_workers_as_local_processes_by_default() {
        WorkersConfig workers = new ConfigLoader(Map.of()).load(null).workers();

        assertThat(workers.backend()).isEqualTo("local");
        assertThat(workers.kubernetes().namespace()).isEqualTo("czar");
        assertThat(workers.kubernetes().ttlSecondsAfterFinished()).isEqualTo(3600);
    }

    @Test
    void should_read_the_kubernetes_backend_from_the_file_and_let_env_override_a_scalar() {
        WorkersConfig workers = new ConfigLoader(Map.of("CZAR_WORKERS_KUBERNETES_NAMESPACE", "night-shift"))
                .load(FIXTURE).workers();

        assertThat(workers.backend()).isEqualTo("kubernetes");
        KubernetesConfig k = workers.kubernetes();
        assertThat(k.namespace()).isEqualTo("night-shift");
        assertThat(k.image()).isEqualTo("registry.example/czar-agent:1");
        assertThat(k.cloneImage()).isEqualTo("registry.example/czar-agent:1");
        assertThat(k.limits()).isEqualTo(Map.of("cpu", "1", "memory", "2Gi"));
        assertThat(k.ttlSecondsAfterFinished()).isEqualTo(600);
        assertThat(k.credentialSecrets()).isEqualTo(List.of("agent-keys"));
        assertThat(k.remoteSecret()).isEqualTo("czar-remote");
    }

    @Test
    void should_refuse_the_kubernetes_backend_without_an_agent_image_naming_the_key() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_KUBERNETES_IMAGE", "")).load(FIXTURE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("workers.kubernetes.image")
                .hasMessageContaining("must name the agent image when workers.backend is kubernetes");
    }

    @Test
    void should_push_a_running_pods_commits_every_minute_by_default_and_refuse_a_negative_interval() {
        assertThat(new ConfigLoader(Map.of()).load(FIXTURE).workers().kubernetes().pushIntervalSeconds()).isEqualTo(60);
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_KUBERNETES_PUSH_INTERVAL_SECONDS", "-5")).load(FIXTURE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("workers.kubernetes.push-interval-seconds")
                .hasMessageContaining("must not be negative (0: push only after the agent)");
    }

    @Test
    void should_refuse_an_unknown_backend() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_BACKEND", "nomad")).load(null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("workers.backend").hasMessageContaining("must be local or kubernetes; got 'nomad'");
    }
}
