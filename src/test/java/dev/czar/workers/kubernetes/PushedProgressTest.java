package dev.czar.workers.kubernetes;

import dev.czar.workers.Workers;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamState;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.czar.workers.kubernetes.PlayedCluster.awaitValue;
import static dev.czar.workers.kubernetes.PlayedCluster.running;
import static dev.czar.workers.kubernetes.PlayedCluster.sleep;
import static dev.czar.workers.kubernetes.PlayedCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 4 of issue 23, "last commit on the pushed branch": a Kubernetes worker has no local working copy that czar
 * sees change, so its progress is what its pod pushes. The remote is a real bare repository that the supervisor
 * fetches on its tick; the pod (played by the test) pushes commits while its agent prints nothing at all.
 */
@EnableKubernetesMockClient(crud = true)
class PushedProgressTest {
    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path tmp;
    private KubernetesFleet fleet;
    private PlayedCluster cluster;
    private Workers workers;

    @BeforeEach
    void fleet() {
        cluster = new PlayedCluster(server, client);
        fleet = new KubernetesFleet(tmp, client);
        workers = fleet.replica("czar", "8s");
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    @Test
    void should_count_each_commit_the_pod_pushes_as_progress_and_show_it_as_the_branch_head() {
        // given: a running worker whose agent prints nothing; STUCK after 8 s without progress
        workers.launch("quiet", "Rewrite the README step by step", 0, null, "local:test", "cli", null);
        Job job = cluster.awaitJob(1, workers.supervisor()::tick);
        cluster.createPod(job, status("Running", running()));
        String branch = workers.find("quiet").orElseThrow().branch();

        // when: its pod pushes a commit every 2 s, for longer than stuck-after
        String last = "";
        long started = System.nanoTime();
        for (int step = 1; step <= 7; step++) {
            String pushed = fleet.podPushes(branch, "README.md", "step " + step + "\n", "worker: step " + step);
            awaitValue(() -> {
                workers.supervisor().tick();
                return workers.headOf(branch).filter(pushed::equals).orElse(null);
            }, "the branch at step " + step);
            last = pushed;
            tickFor(2000);
        }

        // then: every pushed commit moved the branch czar shows, and the silent worker never counted as stuck
        assertThat(System.nanoTime() - started).isGreaterThan(8_000_000_000L);
        Workstream ws = workers.find("quiet").orElseThrow();
        assertThat(ws.state()).isEqualTo(WorkstreamState.RUNNING);
        assertThat(workers.view(ws).headSha()).isEqualTo(last);
        assertThat(workers.supervisor().tail("quiet", 10).orElseThrow())
                .contains("czar: the worker pushed " + branch + " at " + last.substring(0, 7) + " (worker: step 7)");

        // when: the pushes stop
        Workstream stuck = awaitValue(() -> {
            workers.supervisor().tick();
            return workers.find("quiet").filter(w -> w.state() != WorkstreamState.RUNNING).orElse(null);
        }, "the end of quiet's run");

        // then: silence with no new commit is stuck, as for a local worker
        assertThat(workers.store().events("quiet", 20)).anySatisfy(e -> assertThat(e.reason())
                .startsWith("no output, file change or commit for").contains("workers.stuck-after 8s"));
        assertThat(stuck.state()).isIn(WorkstreamState.STUCK, WorkstreamState.QUEUED);
    }

    private void tickFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            workers.supervisor().tick();
            sleep(200);
        }
    }
}
