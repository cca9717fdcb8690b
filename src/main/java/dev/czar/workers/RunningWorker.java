package dev.czar.workers;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A worker process as its backend sees it while it runs: what its agent's events said so far ({@link #facts}), and
 * the controls over its process group.
 */
public interface RunningWorker {
    long pid();

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

    /** Stops the worker and every process it started (SIGSTOP to its group) until {@link #resume}. */
    void pause();

    /** Lets a paused worker go on (SIGCONT to its group). */
    void resume();
}
