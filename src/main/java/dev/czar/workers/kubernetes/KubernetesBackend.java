package dev.czar.workers.kubernetes;

import dev.czar.config.KubernetesConfig;
import dev.czar.store.PrivateFiles;
import dev.czar.workers.GitProcess;
import dev.czar.workers.RemoteSync;
import dev.czar.workers.RunningWorker;
import dev.czar.workers.WorkerBackend;
import dev.czar.workers.WorkerCapabilities;
import dev.czar.workers.WorkerException;
import dev.czar.workers.WorkerLaunch;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs each worker attempt as a Kubernetes Job ({@code workers.backend: kubernetes}): the Job and its task Secret
 * ({@link JobSpec}) are created in {@code workers.kubernetes.namespace}; the worker is followed through the API
 * ({@link KubernetesWorker}). Its workers cannot be paused and have no stdin. The API calls it makes, and so the
 * verbs its Role needs: jobs create/get/list/delete, secrets create, pods list, pods/log get.
 */
public final class KubernetesBackend implements WorkerBackend {
    private final KubernetesClient client;
    private final KubernetesConfig config;
    private final Path repoRoot;
    private final Clock clock;
    private final JobSpec spec;
    /** Read only: the supervisor's tick fetches this remote (git.remote); running workers' pushes are read from it. */
    private final RemoteSync fetched;

    /**
     * @param repo the supervised repository (borrowed, never closed here): its remote
     *             {@code workers.kubernetes.fetch-remote} is where the pods' pushed branches are fetched from
     */
    public KubernetesBackend(KubernetesClient client, KubernetesConfig config, Repository repo, Clock clock) {
        this.client = client;
        this.config = config;
        this.repoRoot = repo.getWorkTree().toPath();
        this.clock = clock;
        this.spec = new JobSpec(config);
        this.fetched = new RemoteSync(repo, config.fetchRemote(), Duration.ZERO, clock);
    }

    /** A backend on the cluster fabric8 finds as kubectl would (KUBECONFIG, ~/.kube/config, in-cluster account). */
    public static KubernetesBackend connect(KubernetesConfig config, Repository repo, Clock clock) {
        return new KubernetesBackend(new KubernetesClientBuilder().build(), config, repo, clock);
    }

    @Override
    public RunningWorker start(WorkerLaunch launch) throws IOException {
        String branch = launch.env().get("CZAR_BRANCH");
        String attempt = launch.env().getOrDefault("CZAR_ATTEMPT", "1");
        PushedBranch pushed = new PushedBranch(fetchUrl(), branch, fetched);
        String name = JobNames.job(launch.name(), attempt);
        Job job = spec.job(name, launch, branch, attempt);
        PrivateFiles.directory(launch.log().getParent());
        Job created;
        try {
            created = client.batch().v1().jobs().inNamespace(config.namespace()).resource(job).create();
        } catch (KubernetesClientException e) {
            throw new IOException("the cluster refused Job " + name + " in namespace " + config.namespace() + ": "
                    + e.getMessage(), e);
        }
        try {
            client.secrets().inNamespace(config.namespace()).resource(spec.taskSecret(created, launch)).create();
        } catch (KubernetesClientException e) {
            delete(name);
            throw new IOException("the cluster refused the task Secret of Job " + name + ": " + e.getMessage(), e);
        }
        return new KubernetesWorker(client, config, name, launch, pushed, clock);
    }

    /**
     * The Job of the attempt {@code attempt} names, found by czar's labels, when a supervisor that is gone started it:
     * running or ended, it is followed from now on (its pod's log read from the start, what the attempt's log file
     * has already not written twice). Empty when the cluster has no such Job (never created, or removed after its
     * TTL): the workstream is then LOST and re-queued once.
     */
    @Override
    public Optional<RunningWorker> adopt(WorkerLaunch attempt) {
        String number = attempt.env().getOrDefault("CZAR_ATTEMPT", "1");
        Optional<Job> job = client.batch().v1().jobs().inNamespace(config.namespace())
                .withLabel(JobSpec.MANAGED_BY, "czar").withLabel(JobSpec.WORKSTREAM, JobNames.labelValue(attempt.name()))
                .withLabel(JobSpec.ATTEMPT, number).list().getItems().stream()
                .filter(j -> j.getMetadata().getDeletionTimestamp() == null)
                .max(Comparator.comparing(j -> String.valueOf(j.getMetadata().getCreationTimestamp())));
        if (job.isEmpty()) {
            return Optional.empty();
        }
        String created = job.get().getMetadata().getCreationTimestamp();
        Instant startedAt = created == null ? clock.instant() : Instant.parse(created);
        long logged;
        try {
            logged = Files.exists(attempt.log()) ? Files.size(attempt.log()) : 0;
            PrivateFiles.directory(attempt.log().getParent());
        } catch (IOException e) {
            throw new WorkerException("cannot read " + attempt.log() + ": " + e.getMessage(), e);
        }
        PushedBranch pushed = new PushedBranch(fetchUrl(), attempt.env().get("CZAR_BRANCH"), fetched);
        return Optional.of(new KubernetesWorker(client, config, job.get().getMetadata().getName(), attempt, pushed, clock,
                startedAt, logged));
    }

    @Override
    public WorkerCapabilities capabilities() {
        return KubernetesWorker.CAPABILITIES;
    }

    /** Kubernetes workers have no local pid; left-overs are found by label ({@link #terminateLeftovers}). */
    @Override
    public boolean alive(long pid, Instant startedAt) {
        return false;
    }

    @Override
    public void terminate(long pid, Instant startedAt) {
        // no local process: see terminateLeftovers
    }

    @Override
    public List<Long> terminateIn(Path workingCopy) {
        return List.of();
    }

    /** Deletes every Job of {@code workstream} still in the namespace, so no attempt of it ever runs twice. */
    @Override
    public List<String> terminateLeftovers(String workstream, Path workingCopy) {
        List<Job> jobs = client.batch().v1().jobs().inNamespace(config.namespace())
                .withLabel(JobSpec.MANAGED_BY, "czar").withLabel(JobSpec.WORKSTREAM, JobNames.labelValue(workstream))
                .list().getItems();
        return jobs.stream().filter(j -> j.getStatus() == null || j.getStatus().getCompletionTime() == null)
                .map(j -> j.getMetadata().getName()).peek(this::delete).map(name -> "job " + name).toList();
    }

    private void delete(String job) {
        client.batch().v1().jobs().inNamespace(config.namespace()).withName(job)
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    }

    /** The URL of the supervised repository's remote the pods push to, as czar's host reaches it. */
    private String fetchUrl() {
        try {
            return GitProcess.run(repoRoot, "remote", "get-url", config.fetchRemote()).strip();
        } catch (GitProcess.GitFailure e) {
            throw new WorkerException("workers.kubernetes.fetch-remote '" + config.fetchRemote() + "' is not a remote of "
                    + repoRoot + "; czar fetches the branches the pods push from it", e);
        }
    }
}
