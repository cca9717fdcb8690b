package dev.czar.workers;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** A worker process as its backend sees it while it runs. */
public interface RunningWorker {
    long pid();

    Instant startedAt();

    /** The exit code once the process has ended. */
    Optional<Integer> exitCode();

    /** When the worker last wrote anything to stdout or stderr (its start time before that). */
    Instant lastOutputAt();

    /** The last {@code lines} lines of its output. */
    String tail(int lines);

    /** The question it asked, when its last output line matches the prompt pattern and nobody answered yet. */
    Optional<String> pendingPrompt();

    /** Writes one line to the worker's stdin (an operator's answer). */
    void send(String line) throws IOException;

    /**
     * The first output line matching {@code workers.done-pattern}: the worker's own claim that it finished, which
     * moves it to VERIFYING like an exit with status 0.
     */
    Optional<String> doneClaim();

    /** Ends the worker and every process it started; waits briefly for them to go. */
    void kill();

    /** Stops the worker and every process it started (SIGSTOP to its group) until {@link #resume}. */
    void pause();

    /** Lets a paused worker go on (SIGCONT to its group). */
    void resume();
}
