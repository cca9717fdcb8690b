package dev.czar.workers.kubernetes;

import dev.czar.config.KubernetesConfig;
import dev.czar.store.PrivateFiles;
import dev.czar.workers.RunningWorker;
import dev.czar.workers.WorkerCapabilities;
import dev.czar.workers.WorkerException;
import dev.czar.workers.WorkerFacts;
import dev.czar.workers.WorkerLaunch;
import dev.czar.workers.WorkerOutput;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One worker attempt running as a Kubernetes Job. Its pod's log is followed into the attempt's log file and read by
 * the agent's stream as for a local process ({@link WorkerOutput}); its state comes from the Job's and the pod's
 * status ({@link PodOutcome}), looked at no more than twice a second. Commits its pod pushes while it runs move the
 * working copy as they are fetched ({@link PushedBranch#follow}); when it ended, the branch its pod pushed is
 * fetched into the working copy, where the gate checks it.
 */
final class KubernetesWorker implements RunningWorker {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesWorker.class);
    private static final long REFRESH_NANOS = 500_000_000L;
    static final WorkerCapabilities CAPABILITIES = new WorkerCapabilities(false, false, false);

    private final KubernetesClient client;
    private final KubernetesConfig config;
    private final String job;
    private final WorkerLaunch launch;
    private final PushedBranch pushed;
    private final Instant startedAt;
    private final long logged;
    private final WorkerOutput output;
    private final Thread pump;
    private volatile PodOutcome outcome = PodOutcome.RUNNING;
    private volatile boolean stopped;
    private volatile LogWatch logWatch;
    private long checkedAt = System.nanoTime() - REFRESH_NANOS;
    private boolean collected;

    KubernetesWorker(KubernetesClient client, KubernetesConfig config, String job, WorkerLaunch launch,
                     PushedBranch pushed, Clock clock) {
        this(client, config, job, launch, pushed, clock, clock.instant(), 0);
    }

    /**
     * @param startedAt when its Job was created
     * @param logged    how many bytes of its pod's log the attempt's log file has already (adopted from a supervisor
     *                  that is gone, on the same home): read again for its events, not written twice
     */
    KubernetesWorker(KubernetesClient client, KubernetesConfig config, String job, WorkerLaunch launch,
                     PushedBranch pushed, Clock clock, Instant startedAt, long logged) {
        this.client = client;
        this.config = config;
        this.job = job;
        this.launch = launch;
        this.pushed = pushed;
        this.startedAt = startedAt;
        this.logged = logged;
        this.output = new WorkerOutput(launch.name(), launch.stream(), clock);
        this.pump = new Thread(this::followLog, "worker-" + launch.name());
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public long pid() {
        return 0;
    }

    @Override
    public String handle() {
        return "job " + job;
    }

    @Override
    public WorkerCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Optional<Integer> exitCode() {
        PodOutcome now = refresh();
        if (now.state() != PodOutcome.State.EXITED) {
            return Optional.empty();
        }
        collect(now);
        return Optional.of(now.code());
    }

    @Override
    public Optional<String> lost() {
        PodOutcome now = refresh();
        return now.state() == PodOutcome.State.LOST ? Optional.of(now.why()) : Optional.empty();
    }

    @Override
    public WorkerFacts facts() {
        return output.facts();
    }

    @Override
    public String tail(int lines) {
        return output.tail(lines);
    }

    @Override
    public void send(String line) throws IOException {
        throw new IOException("a Kubernetes worker has no stdin; answers reach the agent by resuming its session");
    }

    /**
     * Deletes the Job with foreground propagation: its pod goes first, then the Job, then the task Secret it owns.
     * Tried three times: nobody asks again once the supervisor let go of the worker.
     */
    @Override
    public void kill() {
        stopped = true;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                client.batch().v1().jobs().inNamespace(config.namespace()).withName(job)
                        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
                break;
            } catch (KubernetesClientException e) {
                LOG.warn("could not delete Job {} (try {} of 3): {}", job, attempt, e.getMessage());
                pauseBeforeRetry();
            }
        }
        LogWatch watch = logWatch;
        if (watch != null) {
            watch.close();
        }
    }

    /** The Job runs on without this process: stop following it; the next supervisor adopts it. */
    @Override
    public boolean release() {
        stopped = true;
        LogWatch watch = logWatch;
        if (watch != null) {
            watch.close();
        }
        return true;
    }

    @Override
    public void pause() {
        throw new UnsupportedOperationException("a Kubernetes Job cannot be paused");
    }

    @Override
    public void resume() {
        throw new UnsupportedOperationException("a Kubernetes Job cannot be paused");
    }

    /** The Job's state, asked of the API server at most every half second; final once it ended or was lost. */
    private synchronized PodOutcome refresh() {
        if (outcome.state() != PodOutcome.State.RUNNING || System.nanoTime() - checkedAt < REFRESH_NANOS) {
            return outcome;
        }
        checkedAt = System.nanoTime();
        try {
            Job current = client.batch().v1().jobs().inNamespace(config.namespace()).withName(job).get();
            outcome = PodOutcome.of(current, newestPod().orElse(null), config.limits());
        } catch (KubernetesClientException e) {
            LOG.warn("cannot read the state of Job {} (asking again next round): {}", job, e.getMessage());
        }
        if (outcome.state() == PodOutcome.State.RUNNING) {
            pushed.follow(launch.workingCopy()).ifPresent(line -> output.remark("czar: " + line));
        }
        return outcome;
    }

    /** Once: the rest of the log, czar's remark on how it ended, and the branch the pod pushed. */
    private synchronized void collect(PodOutcome ended) {
        if (collected) {
            return;
        }
        collected = true;
        try {
            pump.join(5000); // the last events (the agent's result) decide what happens next
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!ended.why().isEmpty()) {
            remark(ended.why());
        }
        remark(pushed.collect(launch.workingCopy()));
    }

    private void remark(String line) {
        String text = "czar: " + line;
        output.line(text);
        try (OutputStream log = PrivateFiles.append(launch.log())) {
            log.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("cannot write to {}: {}", launch.log(), e.getMessage());
        }
    }

    private Optional<Pod> newestPod() {
        return client.pods().inNamespace(config.namespace()).withLabel("job-name", job).list().getItems().stream()
                .max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
    }

    /** Waits for the agent container to start, then copies its log (followed) until it ends. */
    private void followLog() {
        while (!stopped && outcome.state() == PodOutcome.State.RUNNING) {
            try {
                Optional<Pod> pod = newestPod().filter(KubernetesWorker::agentStarted);
                if (pod.isPresent()) {
                    try (LogWatch watch = client.pods().inNamespace(config.namespace())
                            .withName(pod.get().getMetadata().getName()).inContainer(JobSpec.AGENT).watchLog()) {
                        logWatch = watch;
                        output.copy(watch.getOutput(), PrivateFiles.append(launch.log()), logged);
                    }
                    return;
                }
            } catch (IOException | KubernetesClientException e) {
                LOG.debug("log of {} not readable yet: {}", job, e.toString());
            }
            sleep(500);
        }
    }

    private static boolean agentStarted(Pod pod) {
        var statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        return statuses != null && statuses.stream().anyMatch(s -> JobSpec.AGENT.equals(s.getName()) && s.getState() != null
                && (s.getState().getRunning() != null || s.getState().getTerminated() != null));
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException("interrupted", e);
        }
    }
}
