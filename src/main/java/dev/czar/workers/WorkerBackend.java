package dev.czar.workers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where worker processes run. The supervisor only talks to this seam, so a backend running workers elsewhere
 * (e.g. as Kubernetes Jobs) can be added without touching it.
 */
public interface WorkerBackend {
    /** Starts a worker; the task text is already in {@code launch.stdinText()}. */
    RunningWorker start(WorkerLaunch launch) throws IOException;

    /** Whether a worker started earlier, possibly by a supervisor that has since died, is still running. */
    boolean alive(long pid, Instant startedAt);

    /** Ends such a left-over worker together with everything it started. */
    void terminate(long pid, Instant startedAt);

    /**
     * Ends any process still working in {@code workingCopy}: covers a supervisor that died after starting a worker
     * but before recording its pid. Returns the pids ended.
     */
    List<Long> terminateIn(Path workingCopy);

    /** What its workers can do (pause, stdin, czar's host files). */
    default WorkerCapabilities capabilities() {
        return WorkerCapabilities.LOCAL;
    }

    /**
     * The worker of an attempt started by a supervisor that is gone (its {@code CZAR_ATTEMPT} in {@code attempt}'s
     * environment, no command), still running or ended where this backend runs it, followed from now on by the
     * caller; empty when there is none or it cannot be handed over. Local processes cannot: their output pipe went
     * with the supervisor that started them, so they are ended and re-queued instead.
     */
    default java.util.Optional<RunningWorker> adopt(WorkerLaunch attempt) {
        return java.util.Optional.empty();
    }

    /**
     * Ends every left-over worker of {@code workstream} whose supervisor is gone, found by what the backend knows of
     * it (local: processes in its working copy; Kubernetes: Jobs labelled with its name). Returns their handles.
     */
    default List<String> terminateLeftovers(String workstream, Path workingCopy) {
        return terminateIn(workingCopy).stream().map(String::valueOf).toList();
    }
}
