package dev.czar.workers.kubernetes;

import dev.czar.config.WorkersConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.GitCli;
import dev.czar.workers.WorkerBackend;
import dev.czar.workers.Workers;
import dev.czar.workers.WorkersWiring;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamEvent;
import dev.czar.workers.WorkstreamState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static dev.czar.workers.kubernetes.KubernetesBackendTest.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A workstream run by the real supervisor on the Kubernetes backend, with fabric8's mock API server in CRUD mode as
 * the cluster: the test plays the kubelet (it creates the Job's pod and patches its status) and the pod (it pushes
 * the worker's commit to the remote); the pod log endpoint, which the CRUD mock does not serve, is an expectation.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesWorkstreamTest {
    private static final String NS = "czar-test";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path tmp;
    private GitCli remote;
    private Database db;
    private Workers workers;
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void fleet() {
        remote = GitCli.init(tmp.resolve("remote"));
        remote.write("README.md", "demo\n").commitAll("initial");
        new GitCli(tmp).run("clone", "-q", tmp.resolve("remote").toString(), tmp.resolve("repo").toString());
        db = Database.open("jdbc:h2:mem:k8s-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        WorkersConfig config = new WorkersConfig(List.of("sh", "-c", "cat"), 3, "50ms", "30s", 1, "10ms", "", "30s",
                null, "200ms", 0, "7d", "auto", new WorkersConfig.Unsafe(null), null, "command", null, null, null,
                "kubernetes", CONFIG);
        WorkerBackend backend = new KubernetesBackend(client, CONFIG, tmp.resolve("repo"), Clock.systemUTC());
        workers = Workers.open(config, tmp.resolve("home"), tmp.resolve("repo"), () -> Optional.of("main"), db,
                Clock.systemUTC(), WorkersWiring.builder().backend(backend).notices((ws, text) -> {
                    synchronized (notices) {
                        notices.add(ws.name() + ": " + text);
                    }
                }).build());
    }

    @AfterEach
    void close() {
        workers.close();
        db.close();
    }

    @Test
    void should_follow_a_job_from_pending_to_succeeded_reading_its_log_and_checking_the_branch_it_pushed() throws Exception {
        // given
        workers.launch("rename", "Rename mode to style in README.md", 0, null, "local:test", "cli", null);
        Job job = awaitJob(1);
        Pod pod = createPod(job, status("Pending", null));
        tick(3);
        assertThat(state("rename")).isEqualTo(WorkstreamState.RUNNING);

        // when: the agent runs, prints, commits and pushes, and its pod succeeds
        expectLog(pod, "reading TASK.md\nrenamed mode to style in 1 file\n");
        setPodStatus(pod, status("Running", running()));
        String pushed = pushFromPod(workers.find("rename").orElseThrow().branch(), "README.md", "style\n");
        awaitFile(logOf("rename"), "renamed mode to style");
        setPodStatus(pod, status("Succeeded", terminated(0, "Completed")));

        // then: the gate judged the branch as the pod pushed it
        Workstream verified = await("rename", ws -> ws.reason() != null && ws.reason().contains("PASS commits"),
                "verified by the gate");
        assertThat(verified.reason()).contains("head " + pushed.substring(0, 7));
        assertThat(Files.readString(logOf("rename"))).contains("reading TASK.md", "renamed mode to style",
                "czar: fetched " + verified.branch() + " at " + pushed.substring(0, 7));
        assertThat(new GitCli(tmp.resolve("repo")).run("rev-parse", verified.branch()).strip()).isEqualTo(pushed);
        assertThat(workers.history().events("rename", 20)).anySatisfy(e ->
                assertThat(e.reason()).startsWith("worker exited 0 (a claim of done)"));
    }

    @Test
    void should_retry_an_attempt_whose_pod_was_oom_killed_naming_the_memory_limit() {
        // given
        workers.launch("big", "Load the whole data set into memory", 0, null, "local:test", "cli", null);
        Job job = awaitJob(1);
        Pod pod = createPod(job, status("Running", running()));

        // when
        setPodStatus(pod, status("Failed", terminated(137, "OOMKilled")));

        // then
        Workstream retried = await("big", ws -> ws.state() == WorkstreamState.QUEUED || ws.attempts() > 1, "re-queued");
        assertThat(workers.history().events("big", 20)).anySatisfy(e -> assertThat(e.reason())
                .contains("worker exited with code 137").contains("OOMKilled").contains("limits.memory 1Gi"));
        assertThat(retried.state()).isNotEqualTo(WorkstreamState.FAILED);
        awaitJob(2); // the retry is a new Job
    }

    @Test
    void should_mark_an_evicted_worker_lost_requeue_it_once_then_fail_it() {
        // given
        workers.launch("evict", "Refactor the parser", 0, null, "local:test", "cli", null);
        Job first = awaitJob(1);
        Pod pod = createPod(first, status("Running", running()));

        // when
        setPodStatus(pod, evicted());

        // then: lost, its Job deleted, re-queued once and started again as a new Job
        Job second = awaitJob(2);
        assertThat(history("evict")).containsSubsequence(WorkstreamState.RUNNING, WorkstreamState.LOST,
                WorkstreamState.QUEUED, WorkstreamState.RUNNING);
        assertThat(workers.history().events("evict", 20)).anySatisfy(e -> assertThat(e.reason())
                .contains("job " + first.getMetadata().getName() + " was lost: pod " + pod.getMetadata().getName()
                        + " evicted: The node was low on resource: memory."));
        assertThat(job(first.getMetadata().getName())).isNull();

        // when: lost a second time
        setPodStatus(createPod(second, status("Running", running())), evicted());

        // then
        Workstream failed = await("evict", ws -> ws.state() == WorkstreamState.FAILED, "FAILED");
        assertThat(failed.reason()).contains("lost a second time");
    }

    @Test
    void should_delete_the_job_when_the_workstream_is_killed() {
        // given
        workers.launch("doomed", "Try something risky", 0, null, "local:test", "cli", null);
        Job job = awaitJob(1);
        createPod(job, status("Running", running()));

        // when
        String answer = workers.kill("doomed", "local:test").line();

        // then
        assertThat(answer).startsWith("Killed doomed (was running).");
        awaitValue(() -> {
            workers.supervisor().tick();
            return job(job.getMetadata().getName()) == null ? true : null;
        }, "deletion of Job " + job.getMetadata().getName());
        assertThat(state("doomed")).isEqualTo(WorkstreamState.KILLED);
        assertThat(answer).contains("The supervisor deletes its worker's Job on its next round.");
    }

    @Test
    void should_refuse_to_pause_a_running_kubernetes_worker_in_one_line() {
        // given
        workers.launch("steady", "Keep going", 0, null, "local:test", "cli", null);
        awaitJob(1);

        // when
        String answer = workers.pause("steady", "local:test").line();

        // then
        assertThat(answer).isEqualTo("Pause is not supported for workers.backend kubernetes: steady's worker cannot be"
                + " stopped and continued; kill it ('kill steady') or let it run. Queued workstreams can be paused.");
        assertThat(state("steady")).isEqualTo(WorkstreamState.RUNNING);
    }

    // --- the cluster, played by the test ---

    /** Ticks until the Job of attempt {@code attempt} exists. */
    private Job awaitJob(int attempt) {
        return awaitValue(() -> {
            workers.supervisor().tick();
            return client.batch().v1().jobs().inNamespace(NS).withLabel(JobSpec.ATTEMPT, Integer.toString(attempt))
                    .list().getItems().stream().findFirst().orElse(null);
        }, "Job of attempt " + attempt);
    }

    private Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    }

    private Pod createPod(Job job, PodStatus status) {
        Pod pod = new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x7k2p").withNamespace(NS)
                .withLabels(Map.of("job-name", job.getMetadata().getName())).endMetadata()
                .withNewSpec().withRestartPolicy("Never").endSpec().withStatus(status).build();
        client.pods().inNamespace(NS).resource(pod).create();
        setPodStatus(pod, status);
        return pod;
    }

    private void setPodStatus(Pod pod, PodStatus status) {
        client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(status);
            return p;
        });
    }

    private static PodStatus status(String phase, ContainerStatus agent) {
        PodStatusBuilder status = new PodStatusBuilder().withPhase(phase);
        return agent == null ? status.build() : status.withContainerStatuses(agent).build();
    }

    private static PodStatus evicted() {
        return new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").build();
    }

    private static ContainerStatus running() {
        return new ContainerStatusBuilder().withName(JobSpec.AGENT).withNewState().withNewRunning().endRunning()
                .endState().build();
    }

    private static ContainerStatus terminated(int code, String reason) {
        return new ContainerStatusBuilder().withName(JobSpec.AGENT).withNewState().withNewTerminated()
                .withExitCode(code).withReason(reason).endTerminated().endState().build();
    }

    private void expectLog(Pod pod, String log) {
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod.getMetadata().getName()
                + "/log?pretty=false&container=agent&follow=true").andReturn(200, log).always();
    }

    /** What the pod's run script does after the agent: the branch, with the agent's commit, pushed to the remote. */
    private String pushFromPod(String branch, String file, String content) {
        GitCli pod = new GitCli(tmp);
        pod.run("clone", "-q", tmp.resolve("remote").toString(), tmp.resolve("pod").toString());
        GitCli workspace = new GitCli(tmp.resolve("pod"));
        workspace.run("checkout", "-q", "-b", branch);
        String sha = workspace.write(file, content).commitAll("worker: rename mode to style");
        workspace.run("push", "-q", "origin", "HEAD:refs/heads/" + branch);
        return sha;
    }

    // --- the supervisor ---

    private void tick(int times) {
        for (int i = 0; i < times; i++) {
            workers.supervisor().tick();
            sleep(600); // the worker asks the API server about its Job at most twice a second
        }
    }

    private WorkstreamState state(String name) {
        return workers.find(name).orElseThrow().state();
    }

    private Path logOf(String name) {
        return tmp.resolve("home/workers").resolve(name).resolve("attempt-1.log");
    }

    private List<WorkstreamState> history(String name) {
        return workers.history().events(name, 100).stream().map(WorkstreamEvent::to).filter(s -> s != null).toList();
    }

    private Workstream await(String name, Predicate<Workstream> condition, String what) {
        try {
            return awaitValue(() -> {
                workers.supervisor().tick();
                Workstream ws = workers.find(name).orElseThrow();
                return condition.test(ws) ? ws : null;
            }, name + " " + what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; events: " + workers.history().events(name, 20), e);
        }
    }

    private void awaitFile(Path file, String text) {
        awaitValue(() -> {
            try {
                return Files.exists(file) && Files.readString(file).contains(text) ? true : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }, file + " containing '" + text + "'");
    }

    private static <T> T awaitValue(Supplier<T> value, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            sleep(100);
        }
        return fail("no " + what + " within " + PATIENCE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
