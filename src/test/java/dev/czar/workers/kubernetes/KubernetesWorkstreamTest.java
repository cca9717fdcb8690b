package dev.czar.workers.kubernetes;

import dev.czar.testsupport.GitCli;
import dev.czar.workers.Workers;
import dev.czar.workers.WorkersWiring;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamEvent;
import dev.czar.workers.WorkstreamState;
import io.fabric8.kubernetes.api.model.Pod;
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
import java.util.List;
import java.util.function.Predicate;

import static dev.czar.workers.kubernetes.PlayedCluster.awaitFile;
import static dev.czar.workers.kubernetes.PlayedCluster.awaitValue;
import static dev.czar.workers.kubernetes.PlayedCluster.evicted;
import static dev.czar.workers.kubernetes.PlayedCluster.running;
import static dev.czar.workers.kubernetes.PlayedCluster.sleep;
import static dev.czar.workers.kubernetes.PlayedCluster.status;
import static dev.czar.workers.kubernetes.PlayedCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workstream run by the real supervisor on the Kubernetes backend, with fabric8's mock API server in CRUD mode as
 * the cluster: the test plays the kubelet (it creates the Job's pod and patches its status) and the pod (it pushes
 * the worker's commit to the remote); the pod log endpoint, which the CRUD mock does not serve, is an expectation.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesWorkstreamTest {

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path tmp;
    private KubernetesFleet fleet;
    private Workers workers;
    private PlayedCluster cluster;

    @BeforeEach
    void fleet() {
        cluster = new PlayedCluster(server, client);
        fleet = new KubernetesFleet(tmp, client);
        workers = fleet.replica("czar", "30s");
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    @Test
    void should_follow_a_job_from_pending_to_succeeded_reading_its_log_and_checking_the_branch_it_pushed() throws Exception {
        // given
        workers.launch("rename", "Rename mode to style in README.md", 0, null, "local:test", "cli", null);
        Job job = cluster.awaitJob(1, workers.supervisor()::tick);
        Pod pod = cluster.createPod(job, status("Pending", null));
        tick(3);
        assertThat(state("rename")).isEqualTo(WorkstreamState.RUNNING);

        // when: the agent runs, prints, commits and pushes, and its pod succeeds
        cluster.expectLog(pod, "reading TASK.md\nrenamed mode to style in 1 file\n");
        cluster.setPodStatus(pod, status("Running", running()));
        String pushed = fleet.podPushes(workers.find("rename").orElseThrow().branch(), "README.md", "style\n",
                "worker: rename mode to style");
        awaitFile(logOf("rename"), "renamed mode to style");
        cluster.setPodStatus(pod, status("Succeeded", terminated(0, "Completed")));

        // then: the gate judged the branch as the pod pushed it
        Workstream verified = await("rename", ws -> ws.reason() != null && ws.reason().contains("PASS commits"),
                "verified by the gate");
        assertThat(verified.reason()).contains("head " + pushed.substring(0, 7));
        assertThat(Files.readString(logOf("rename"))).contains("reading TASK.md", "renamed mode to style",
                "czar: fetched " + verified.branch() + " at " + pushed.substring(0, 7));
        assertThat(new GitCli(fleet.repo("czar")).run("rev-parse", verified.branch()).strip()).isEqualTo(pushed);
        assertThat(workers.history().events("rename", 20)).anySatisfy(e ->
                assertThat(e.reason()).startsWith("worker exited 0 (a claim of done)"));
    }

    @Test
    void should_retry_an_attempt_whose_pod_was_oom_killed_naming_the_memory_limit() {
        // given
        workers.launch("big", "Load the whole data set into memory", 0, null, "local:test", "cli", null);
        Job job = cluster.awaitJob(1, workers.supervisor()::tick);
        Pod pod = cluster.createPod(job, status("Running", running()));

        // when
        cluster.setPodStatus(pod, status("Failed", terminated(137, "OOMKilled")));

        // then
        Workstream retried = await("big", ws -> ws.state() == WorkstreamState.QUEUED || ws.attempts() > 1, "re-queued");
        assertThat(workers.history().events("big", 20)).anySatisfy(e -> assertThat(e.reason())
                .contains("worker exited with code 137").contains("OOMKilled").contains("limits.memory 1Gi"));
        assertThat(retried.state()).isNotEqualTo(WorkstreamState.FAILED);
        cluster.awaitJob(2, workers.supervisor()::tick); // the retry is a new Job
    }

    @Test
    void should_mark_an_evicted_worker_lost_requeue_it_once_then_fail_it() {
        // given
        workers.launch("evict", "Refactor the parser", 0, null, "local:test", "cli", null);
        Job first = cluster.awaitJob(1, workers.supervisor()::tick);
        Pod pod = cluster.createPod(first, status("Running", running()));

        // when
        cluster.setPodStatus(pod, evicted());

        // then: lost, its Job deleted, re-queued once and started again as a new Job
        Job second = cluster.awaitJob(2, workers.supervisor()::tick);
        assertThat(history("evict")).containsSubsequence(WorkstreamState.RUNNING, WorkstreamState.LOST,
                WorkstreamState.QUEUED, WorkstreamState.RUNNING);
        assertThat(workers.history().events("evict", 20)).anySatisfy(e -> assertThat(e.reason())
                .contains("job " + first.getMetadata().getName() + " was lost: pod " + pod.getMetadata().getName()
                        + " evicted: The node was low on resource: memory."));
        assertThat(cluster.job(first.getMetadata().getName())).isNull();

        // when: lost a second time
        cluster.setPodStatus(cluster.createPod(second, status("Running", running())), evicted());

        // then
        Workstream failed = await("evict", ws -> ws.state() == WorkstreamState.FAILED, "FAILED");
        assertThat(failed.reason()).contains("lost a second time");
    }

    @Test
    void should_delete_the_job_when_the_workstream_is_killed() {
        // given
        workers.launch("doomed", "Try something risky", 0, null, "local:test", "cli", null);
        Job job = cluster.awaitJob(1, workers.supervisor()::tick);
        cluster.createPod(job, status("Running", running()));

        // when
        String answer = workers.kill("doomed", "local:test").line();

        // then
        assertThat(answer).startsWith("Killed doomed (was running).");
        awaitValue(() -> {
            workers.supervisor().tick();
            return cluster.job(job.getMetadata().getName()) == null ? true : null;
        }, "deletion of Job " + job.getMetadata().getName());
        assertThat(state("doomed")).isEqualTo(WorkstreamState.KILLED);
        assertThat(answer).contains("The supervisor deletes its worker's Job on its next round.");
    }

    @Test
    void should_refuse_to_pause_a_running_kubernetes_worker_in_one_line() {
        // given
        workers.launch("steady", "Keep going", 0, null, "local:test", "cli", null);
        cluster.awaitJob(1, workers.supervisor()::tick);

        // when
        String answer = workers.pause("steady", "local:test").line();

        // then
        assertThat(answer).isEqualTo("Pause is not supported for workers.backend kubernetes: steady's worker cannot be"
                + " stopped and continued; kill it ('kill steady') or let it run. Queued workstreams can be paused.");
        assertThat(state("steady")).isEqualTo(WorkstreamState.RUNNING);
    }

    /**
     * Issue 23 item 4, "last commit on the pushed branch": czar sees no working copy of a pod change, so what the
     * pod pushes while its agent runs is the worker's progress.
     */
    @Test
    void should_count_each_commit_the_pod_pushes_as_progress_and_show_it_as_the_branch_head() {
        // given: a running worker whose agent prints nothing (a czar on the same store that calls a worker STUCK
        // after 12 s without progress: six times the pushes' pace, so a slow push or fetch on a loaded machine is no
        // silence); the remote is a bare repository the supervisor fetches on every tick
        Workers quick = fleet.replica("quick", "12s");
        quick.launch("quiet", "Rewrite the README step by step", 0, null, "local:test", "cli", null);
        Job job = cluster.awaitJob(1, quick.supervisor()::tick);
        cluster.expectLog(cluster.createPod(job, status("Running", running())), "");
        String branch = quick.find("quiet").orElseThrow().branch();

        // when: its pod pushes a commit every 2 s, for longer than stuck-after
        String last = "";
        long started = System.nanoTime();
        for (int step = 1; step <= 8; step++) {
            String pushed = fleet.podPushes(branch, "README.md", "step " + step + "\n", "worker: step " + step);
            awaitValue(() -> {
                quick.supervisor().tick();
                return quick.headOf(branch).filter(pushed::equals).orElse(null);
            }, "the branch at step " + step);
            last = pushed;
            tickFor(quick, 2000);
        }

        // then: every pushed commit moved the branch czar shows, and the silent worker never counted as stuck
        assertThat(System.nanoTime() - started).isGreaterThan(12_000_000_000L);
        Workstream ws = quick.find("quiet").orElseThrow();
        assertThat(ws.state()).isEqualTo(WorkstreamState.RUNNING);
        assertThat(quick.view(ws).headSha()).isEqualTo(last);
        String tail = quick.supervisor().tail("quiet", 3).orElseThrow();
        assertThat(tail).contains("czar: the worker pushed " + branch + " at " + last.substring(0, 7) + " (worker: step 8)");

        // when: the pushes stop
        Workstream stuck = awaitValue(() -> {
            quick.supervisor().tick();
            return quick.find("quiet").filter(w -> w.state() != WorkstreamState.RUNNING).orElse(null);
        }, "the end of quiet's run");

        // then: silence with no new commit is stuck, as for a local worker
        assertThat(quick.history().events("quiet", 20)).anySatisfy(e -> assertThat(e.reason())
                .startsWith("no output, file change or commit for").contains("workers.stuck-after 12s"));
        assertThat(stuck.state()).isIn(WorkstreamState.STUCK, WorkstreamState.QUEUED);
        PlayedCluster.record("pushed-progress.txt", quick.history().events("quiet", 20),
                "--- while it ran, 'czar workers' showed head " + last.substring(0, 7) + "; the worker's tail:\n" + tail + "\n");
    }

    // --- the supervisor ---

    private static void tickFor(Workers workers, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            workers.supervisor().tick();
            sleep(200);
        }
    }


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
        return fleet.home("czar").resolve("workers").resolve(name).resolve("attempt-1.log");
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
}
