package dev.czar.workers.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a worker's Job stands, read from the Job's and its pod's status: still going (Pending, Running), ended with
 * an exit code (Succeeded, Failed, OOMKilled, an image that cannot be pulled), or lost (pod evicted or disrupted,
 * Job deleted behind czar's back), which czar re-queues once instead of counting it as the agent's failure.
 *
 * @param state {@code RUNNING}, {@code EXITED} or {@code LOST}
 * @param code  the agent's exit code once EXITED
 * @param why   one line for the workstream's history; empty for a plain exit
 */
record PodOutcome(State state, int code, String why) {
    enum State { RUNNING, EXITED, LOST }

    static final PodOutcome RUNNING = new PodOutcome(State.RUNNING, 0, "");
    /** Waiting reasons that will not go away by waiting. */
    private static final Set<String> CANNOT_START = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    /** @param job the Job, {@code null} when it is gone; @param pod its newest pod, {@code null} when none yet */
    static PodOutcome of(Job job, Pod pod, Map<String, String> limits) {
        if (job == null) {
            return new PodOutcome(State.LOST, 0, "its Job was deleted outside czar");
        }
        if (pod != null && pod.getStatus() != null) {
            Optional<PodOutcome> fromPod = fromPod(pod, limits);
            if (fromPod.isPresent()) {
                return fromPod.get();
            }
        }
        var status = job.getStatus();
        if (status != null && status.getSucceeded() != null && status.getSucceeded() > 0) {
            return new PodOutcome(State.EXITED, 0, "");
        }
        Optional<JobCondition> failed = status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
        if (failed.isPresent() || (status != null && status.getFailed() != null && status.getFailed() > 0)) {
            String reason = failed.map(c -> c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())).orElse("failed");
            return new PodOutcome(State.EXITED, 1, "Job " + job.getMetadata().getName() + " " + reason);
        }
        return RUNNING;
    }

    private static Optional<PodOutcome> fromPod(Pod pod, Map<String, String> limits) {
        var status = pod.getStatus();
        String name = pod.getMetadata().getName();
        if ("Failed".equals(status.getPhase()) && ("Evicted".equals(status.getReason()) || disrupted(status.getConditions()))) {
            return Optional.of(new PodOutcome(State.LOST, 0, "pod " + name + " "
                    + ("Evicted".equals(status.getReason()) ? "evicted" : "disrupted")
                    + (status.getMessage() == null ? "" : ": " + status.getMessage())));
        }
        Optional<PodOutcome> clone = terminatedWithError(status.getInitContainerStatuses())
                .map(t -> new PodOutcome(State.EXITED, t.getExitCode(), "cloning the workspace failed in pod " + name
                        + " (exit " + t.getExitCode() + "); is the remote Secret's url right?"));
        if (clone.isPresent()) {
            return clone;
        }
        Optional<ContainerStatus> agent = agent(status.getContainerStatuses());
        if (agent.isEmpty() || agent.get().getState() == null) {
            return Optional.empty();
        }
        ContainerStateTerminated ended = agent.get().getState().getTerminated();
        if (ended != null) {
            boolean oom = "OOMKilled".equals(ended.getReason());
            return Optional.of(new PodOutcome(State.EXITED, ended.getExitCode(), oom
                    ? "pod " + name + " OOMKilled: over its memory limit (workers.kubernetes.limits.memory "
                    + limits.getOrDefault("memory", "none") + ")" : ""));
        }
        ContainerStateWaiting waiting = agent.get().getState().getWaiting();
        if (waiting != null && CANNOT_START.contains(waiting.getReason())) {
            return Optional.of(new PodOutcome(State.EXITED, 125, "pod " + name + " cannot start: " + waiting.getReason()
                    + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage())));
        }
        return Optional.empty();
    }

    /** Preemption, a node drain, a deleted node: Kubernetes marks the pod with a true DisruptionTarget condition. */
    private static boolean disrupted(List<PodCondition> conditions) {
        return conditions != null && conditions.stream()
                .anyMatch(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Optional<ContainerStateTerminated> terminatedWithError(List<ContainerStatus> statuses) {
        return statuses == null ? Optional.empty() : statuses.stream()
                .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                .filter(t -> t != null && t.getExitCode() != null && t.getExitCode() != 0).findFirst();
    }

    private static Optional<ContainerStatus> agent(List<ContainerStatus> statuses) {
        return statuses == null ? Optional.empty()
                : statuses.stream().filter(s -> JobSpec.AGENT.equals(s.getName())).findFirst();
    }
}
