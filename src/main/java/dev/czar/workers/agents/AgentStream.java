package dev.czar.workers.agents;

import java.util.List;

/**
 * Reads one run of an agent's output, line by line, into {@link WorkerEvent}s. One instance per run; it may keep
 * state between lines (e.g. a tool call id to name) but only bounded state. It never throws on bad input: a line
 * it cannot read becomes an {@link WorkerEvent.Output}.
 */
public interface AgentStream {
    /** The events one complete output line (without its line break) stands for; often none. */
    List<WorkerEvent> line(String line);

    /** Events known only when the process has ended (e.g. a result the agent never printed). */
    default List<WorkerEvent> end(int exitCode) {
        return List.of();
    }

    /**
     * Events of output that has no line break yet and nothing more arrived for now (a prompt waiting for an
     * answer often ends without one). Called again, with more text, until the line is complete.
     */
    default List<WorkerEvent> partial(String unterminatedLine) {
        return List.of();
    }
}
