package dev.czar.workers.kubernetes;

import dev.czar.testsupport.SkewedClock;
import dev.czar.workers.Workers;
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
import java.time.Duration;

import static dev.czar.workers.kubernetes.PlayedCluster.awaitFile;
import static dev.czar.workers.kubernetes.PlayedCluster.awaitValue;
import static dev.czar.workers.kubernetes.PlayedCluster.running;
import static dev.czar.workers.kubernetes.PlayedCluster.status;
import static dev.czar.workers.kubernetes.PlayedCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 2 of issue 23 with the Kubernetes backend: when another czar takes the supervisor lease, the workers that
 * are Jobs run on and the new lease holder adopts them, found by czar's labels, instead of starting them again.
 * Two czar processes (each its own clone and home) share one store; fabric8's CRUD mock server is the cluster.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTakeoverTest {
    private static final String LOG = "reading TASK.md\nrenaming mode to style\n";

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path tmp;
    private KubernetesFleet fleet;
    private PlayedCluster cluster;
    private Workers first;
    private Pod pod;

    @BeforeEach
    void fleet() {
        cluster = new PlayedCluster(server, client);
        fleet = new KubernetesFleet(tmp, client);
        first = fleet.replica("czar-a", "60s");
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    @Test
    void should_adopt_the_running_job_when_a_standby_takes_over_and_judge_what_it_pushed() {
        // given: the first czar holds the lease and runs a worker as a Job; the standby only answers (its clock runs
        // behind, so the first's lease is fresh to it however slowly this machine runs the first's ticks; stuck-after
        // is ten minutes, as its clock runs a minute ahead later)
        SkewedClock standbyClock = new SkewedClock(Duration.ofMinutes(-1));
        Workers standby = fleet.replica("czar-b", "600s", standbyClock);
        Job job = runningJob("rename");
        assertThat(standby.supervisor().tick()).as("the lease is held").isFalse();

        // when: the first czar stops renewing its lease (kill -STOP, a partition): to the standby, whose time now runs
        // ahead, the lease is past its timeout (and the standby's lease fresh to the first); the standby's ticks take it
        standbyClock.skew(Duration.ofMinutes(1));
        awaitValue(() -> standby.supervisor().tick() ? true : null, "the lease for the standby");

        // then: the same Job, adopted: nothing started twice, nothing lost, its log followed by the standby
        Workstream adopted = standby.find("rename").orElseThrow();
        assertThat(adopted.state()).isEqualTo(WorkstreamState.RUNNING);
        assertThat(adopted.attempts()).isEqualTo(1);
        assertThat(adopted.owner()).isEqualTo(standby.supervisor().id());
        assertThat(standby.supervisor().runningHere()).containsExactly("rename");
        assertThat(cluster.jobCount()).isEqualTo(1);
        assertThat(history("rename")).doesNotContain(WorkstreamState.LOST);
        assertThat(standby.history().events("rename", 20)).anySatisfy(e -> assertThat(e.reason())
                .startsWith("adopted worker job " + job.getMetadata().getName() + " of supervisor "
                        + first.supervisor().id() + ", which is gone: it runs on"));
        awaitLog(fleet.home("czar-b"), "renaming mode to style");

        // when: the first czar wakes up, finds the lease taken, and lets go
        assertThat(first.supervisor().tick()).isFalse();

        // then: its letting go did not end the Job
        assertThat(cluster.job(job.getMetadata().getName())).isNotNull();

        // when: the pod pushes the agent's commit and succeeds
        String pushed = fleet.podPushes(adopted.branch(), "README.md", "style\n", "worker: rename mode to style");
        cluster.setPodStatus(pod, status("Succeeded", terminated(0, "Completed")));

        // then: the standby's gate judged the branch as the pod pushed it
        Workstream verified = awaitValue(() -> {
            standby.supervisor().tick();
            return standby.find("rename").filter(ws -> ws.reason() != null && ws.reason().contains("PASS commits"))
                    .orElse(null);
        }, "rename verified by the standby's gate");
        assertThat(verified.reason()).contains("head " + pushed.substring(0, 7));
        assertThat(cluster.jobCount()).isEqualTo(1);
        PlayedCluster.record("takeover-history.txt", standby.history().events("rename", 20), "");
    }

    @Test
    void should_leave_jobs_running_when_czar_stops_and_adopt_them_when_it_starts_again_without_logging_twice() throws Exception {
        // given
        Job job = runningJob("rename");
        Path log = fleet.home("czar-a").resolve("workers/rename/attempt-1.log");
        awaitLog(fleet.home("czar-a"), "renaming mode to style");

        // when: czar stops cleanly, then starts again on the same home
        first.close();
        Workstream left = first.find("rename").orElseThrow();
        Workers again = fleet.replica("czar-a", "60s");
        assertThat(again.supervisor().tick()).isTrue();

        // then: the Job ran on and was adopted; the log it re-read from the start is not written twice
        assertThat(left.state()).isEqualTo(WorkstreamState.RUNNING);
        assertThat(cluster.job(job.getMetadata().getName())).isNotNull();
        assertThat(again.supervisor().runningHere()).containsExactly("rename");
        assertThat(again.find("rename").orElseThrow().owner()).isEqualTo(again.supervisor().id());
        awaitValue(() -> again.history().events("rename", 20).stream().anyMatch(e -> e.reason().startsWith("adopted")) ? true : null,
                "the adoption in the history");
        Thread.sleep(1500); // the adopted worker's pump has read the whole log again by now
        assertThat(Files.readString(log)).isEqualTo(LOG);
        assertThat(history("rename")).containsExactly(WorkstreamState.QUEUED, WorkstreamState.RUNNING);
    }

    /** {@code name} launched by the first czar, its Job's pod running and printing {@link #LOG}. */
    private Job runningJob(String name) {
        first.launch(name, "Rename mode to style in README.md", 0, null, "local:test", "cli", null);
        Job job = cluster.awaitJob(1, first.supervisor()::tick);
        pod = cluster.createPod(job, status("Running", running()));
        cluster.expectLog(pod, LOG);
        first.supervisor().tick();
        return job;
    }

    private static void awaitLog(Path home, String text) {
        awaitFile(home.resolve("workers/rename/attempt-1.log"), text);
    }

    private java.util.List<WorkstreamState> history(String name) {
        return first.history().events(name, 100).stream().map(WorkstreamEvent::to).filter(s -> s != null).toList();
    }
}
