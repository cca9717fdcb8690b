package dev.czar.workers.kubernetes;

import dev.czar.config.KubernetesConfig;
import dev.czar.workers.RunningWorker;
import dev.czar.workers.WorkerException;
import dev.czar.workers.WorkerLaunch;
import dev.czar.workers.agents.AgentAdapters;
import dev.czar.workers.agents.AgentStream;
import dev.czar.testsupport.GitCli;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Job and the task Secret czar asks the cluster for, read back from fabric8's mock API server in CRUD mode (as
 * WireMock stands in for Slack and GitHub).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendTest {
    static final String TASK = "Rename the config key 'mode' to 'style' everywhere; secret-ish detail: hunter2-token-fake\n";
    static final KubernetesConfig CONFIG = new KubernetesConfig("czar-test", "registry.example/czar-agent:1", null,
            null, Map.of("cpu", "250m", "memory", "512Mi"), Map.of("cpu", "1", "memory", "1Gi"), 600, null,
            "team-remote", List.of("agent-keys"), null, 1);

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path tmp;
    private RunningWorker worker;
    private Repository repository;

    @BeforeEach
    void repository() {
        GitCli remote = GitCli.init(tmp.resolve("remote"));
        remote.write("README.md", "demo\n").commitAll("initial");
        GitCli repo = new GitCli(tmp);
        repo.run("clone", "-q", tmp.resolve("remote").toString(), tmp.resolve("repo").toString());
        repository = GitCli.repository(tmp.resolve("repo"));
    }

    @AfterEach
    void stop() {
        repository.close();
        if (worker != null) {
            worker.kill();
        }
    }

    @Test
    void should_create_a_job_whose_task_is_only_in_an_owned_secret_mounted_as_a_file() throws Exception {
        // given
        KubernetesBackend backend = new KubernetesBackend(client, CONFIG, repository, Clock.systemUTC());

        // when
        worker = backend.start(claudeLaunch());

        // then
        Job job = client.batch().v1().jobs().inNamespace("czar-test").list().getItems().get(0);
        String yaml = Serialization.asYaml(job);
        Files.createDirectories(Path.of("target/kubernetes"));
        Files.writeString(Path.of("target/kubernetes/launched-job.yaml"), yaml);
        assertThat(yaml).doesNotContain("hunter2").doesNotContain("Rename the config key");
        Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(agent.getImage()).isEqualTo("registry.example/czar-agent:1");
        assertThat(agent.getCommand()).endsWith("--", JobSpec.PROMPT_PLACEHOLDER);
        assertThat(agent.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(agent.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        assertThat(agent.getResources().getRequests().get("cpu").toString()).isEqualTo("250m");
        assertThat(agent.getEnvFrom()).singleElement().satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo("agent-keys"));
        assertThat(agent.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("CZAR_REMOTE_URL");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("team-remote");
        });
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getInitContainers()).singleElement()
                .satisfies(c -> assertThat(c.getCommand()).contains(JobSpec.CLONE_SCRIPT));
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .singleElement().satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo(job.getMetadata().getName()));
        assertThat(agent.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(JobSpec.TASK_DIR);
            assertThat(m.getReadOnly()).isTrue();
        });

        Secret task = client.secrets().inNamespace("czar-test").withName(job.getMetadata().getName()).get();
        assertThat(task.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Job");
            assertThat(o.getUid()).isEqualTo(job.getMetadata().getUid());
        });
        assertThat(secretText(task, "TASK.md")).isEqualTo(TASK);
        assertThat(secretText(task, "prompt")).startsWith(TASK).contains("CZAR_DONE");
        assertThat(worker.handle()).isEqualTo("job " + job.getMetadata().getName());
        assertThat(worker.capabilities().pause()).isFalse();
    }

    @Test
    void should_refuse_an_agent_command_that_would_carry_the_task_text_in_the_pod_spec() {
        // given: a command line that embeds the task in the middle of an argument
        KubernetesBackend backend = new KubernetesBackend(client, CONFIG, repository, Clock.systemUTC());
        WorkerLaunch launch = new WorkerLaunch("rename", List.of("agent", "--task=" + TASK + " (be quick)"),
                tmp.resolve("repo"), null, env(), tmp.resolve("logs/rename/attempt-1.log"), claudeStream(),
                TASK, TASK);

        // then
        assertThatThrownBy(() -> backend.start(launch)).isInstanceOf(WorkerException.class)
                .hasMessageContaining("cannot pass by file");
        assertThat(client.batch().v1().jobs().inNamespace("czar-test").list().getItems()).isEmpty();
    }

    private WorkerLaunch claudeLaunch() {
        String prompt = TASK + "\n---\nczar: ... end with 'CZAR_DONE: <summary>'\n";
        return new WorkerLaunch("rename", List.of("claude", "-p", "--output-format", "stream-json", "--", prompt),
                tmp.resolve("repo"), null, env(), tmp.resolve("logs/rename/attempt-1.log"), claudeStream(),
                TASK, prompt);
    }

    private Map<String, String> env() {
        return Map.of("CZAR_WORKSTREAM", "rename", "CZAR_BRANCH", "czar/rename", "CZAR_ATTEMPT", "1",
                "CZAR_STATUS_FILE", tmp.resolve("status.json").toString(),
                "CLAUDE_CONFIG_DIR", tmp.resolve("logs/rename/agent-config").toString());
    }

    static AgentStream claudeStream() {
        return AgentAdapters.builtIn().find("claude-code").orElseThrow().stream();
    }

    static String secretText(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        return new String(java.util.Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
