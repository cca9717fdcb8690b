package dev.czar.workers;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A worker process as its backend sees it while it runs: what its agent's events said so far ({@link #facts}), and
 * the controls over its process group.
 */
public interface RunningWorker {
    /** The local process (group leader); 0 for a worker that is no local process (a Kubernetes Job). */
    long pid();

    /**
     * What the supervisor calls this worker in its notes and commands: {@code process 1234} for a local process,
     * {@code job czar-x-1} for a Kubernetes Job. Opaque to the supervisor.
     */
    default String handle() {
        return "process " + pid();
    }

    /** What this worker can do beyond running and being ended (pause, stdin). */
    default WorkerCapabilities capabilities() {
        return WorkerCapabilities.LOCAL;
    }

    /**
     * Why the worker is gone without ending on its own (its pod evicted, its Job deleted, its node lost): the
     * supervisor marks it LOST and re-queues it once. Empty while it runs or once it ended by itself.
     */
    default Optional<String> lost() {
        return Optional.empty();
    }

    Instant startedAt();

    /** The exit code once the process has ended (and its output has been read). */
    Optional<Integer> exitCode();

    /** Everything its events said so far. */
    WorkerFacts facts();

    /** When the worker last reported anything (its start time before that). */
    default Instant lastOutputAt() {
        return facts().lastEventAt();
    }

    /** The last {@code lines} lines of its output, for a failure report. */
    String tail(int lines);

    /** Plain programs: the question their output ends with, when nobody answered it yet. */
    default Optional<String> pendingPrompt() {
        return Optional.ofNullable(facts().prompt());
    }

    /** Writes one line to the worker's stdin (an operator's answer); fails for agents run with stdin from /dev/null. */
    void send(String line) throws IOException;

    /**
     * Plain programs: the first output line matching {@code workers.done-pattern}, the worker's own claim that it
     * finished, which moves it to VERIFYING like an exit with status 0.
     */
    default Optional<String> doneClaim() {
        return Optional.ofNullable(facts().doneClaim());
    }

    /** Ends the worker and every process it started; waits briefly for them to go. */
    void kill();

    /**
     * This process lets go of the worker because another supervisor took over or czar stops: a worker that runs on
     * without it (a Kubernetes Job) is left running for the next supervisor to adopt; a local process, whose output
     * pipe is here, is ended. Returns whether the worker runs on.
     */
    default boolean release() {
        kill();
        return false;
    }

    /** Stops the worker and every process it started (SIGSTOP to its group) until {@link #resume}. */
    void pause();

    /** Lets a paused worker go on (SIGCONT to its group). */
    void resume();
}
