package dev.czar.workers.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * The cluster of the workstream tests: fabric8's mock API server in CRUD mode, with the test playing the kubelet (it
 * creates a Job's pod and sets its status). The pod log endpoint, which the CRUD mock does not serve, is an
 * expectation.
 */
final class PlayedCluster {
    static final String NS = "czar-test";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    PlayedCluster(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    /** Runs {@code tick} until the Job of attempt {@code attempt} exists. */
    Job awaitJob(int attempt, Runnable tick) {
        return awaitValue(() -> {
            tick.run();
            return client.batch().v1().jobs().inNamespace(NS).withLabel(JobSpec.ATTEMPT, Integer.toString(attempt))
                    .list().getItems().stream().findFirst().orElse(null);
        }, "Job of attempt " + attempt);
    }

    /** The Job named so, {@code null} once deleted. */
    Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    }

    /** How many Jobs czar created that are still there. */
    int jobCount() {
        return client.batch().v1().jobs().inNamespace(NS).list().getItems().size();
    }

    Pod createPod(Job job, PodStatus status) {
        Pod pod = new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x7k2p").withNamespace(NS)
                .withLabels(Map.of("job-name", job.getMetadata().getName())).endMetadata()
                .withNewSpec().withRestartPolicy("Never").endSpec().withStatus(status).build();
        client.pods().inNamespace(NS).resource(pod).create();
        setPodStatus(pod, status);
        return pod;
    }

    void setPodStatus(Pod pod, PodStatus status) {
        client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(status);
            return p;
        });
    }

    void expectLog(Pod pod, String log) {
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod.getMetadata().getName()
                + "/log?pretty=false&container=agent&follow=true").andReturn(200, log).always();
    }

    static PodStatus status(String phase, ContainerStatus agent) {
        PodStatusBuilder status = new PodStatusBuilder().withPhase(phase);
        return agent == null ? status.build() : status.withContainerStatuses(agent).build();
    }

    static PodStatus evicted() {
        return new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").build();
    }

    static ContainerStatus running() {
        return new ContainerStatusBuilder().withName(JobSpec.AGENT).withNewState().withNewRunning().endRunning()
                .endState().build();
    }

    static ContainerStatus terminated(int code, String reason) {
        return new ContainerStatusBuilder().withName(JobSpec.AGENT).withNewState().withNewTerminated()
                .withExitCode(code).withReason(reason).endTerminated().endState().build();
    }

    /** Asks for {@code value} every 100 ms until it is not null; fails after {@link #PATIENCE}. */
    static <T> T awaitValue(Supplier<T> value, String what) {
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

    /** Waits until {@code file} contains {@code text}. */
    static void awaitFile(java.nio.file.Path file, String text) {
        awaitValue(() -> {
            try {
                return java.nio.file.Files.exists(file) && java.nio.file.Files.readString(file).contains(text) ? true : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }, file + " containing '" + text + "'");
    }

    /**
     * Writes {@code name}'s history (and {@code extra} lines) to {@code target/kubernetes/FILE}, for
     * docs/EVIDENCE.md: {@code FROM -> TO  actor: reason}, one event a line.
     */
    static void record(String file, java.util.List<dev.czar.workers.WorkstreamEvent> events, String extra) {
        StringBuilder text = new StringBuilder();
        for (dev.czar.workers.WorkstreamEvent e : events) {
            text.append(e.from() == null ? "(note)" : e.from() + " -> " + e.to()).append("  ").append(e.actor())
                    .append(": ").append(e.reason()).append('\n');
        }
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "kubernetes"));
            java.nio.file.Files.writeString(dir.resolve(file), text + extra);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
