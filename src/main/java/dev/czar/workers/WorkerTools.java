package dev.czar.workers;

import dev.czar.agent.EvidenceTools;
import dev.czar.chat.EvidenceLog;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/**
 * Read-only worker tools for the model: a thin adapter over {@link FleetAnswers}, which renders {@link FleetFacts},
 * the same calls the offline answers make: the recorded workstreams, read through the answer's {@link EvidenceLog},
 * each cited (source {@code worker}) with its branch head (source {@code git}).
 */
public final class WorkerTools {
    private final FleetAnswers fleet;
    private final EvidenceLog log;

    WorkerTools(FleetAnswers fleet, EvidenceLog log) {
        this.fleet = fleet;
        this.log = log;
    }

    /** Registration for the agent's tools: bound to each answer's evidence log. */
    public static EvidenceTools of(Workers workers) {
        FleetAnswers fleet = new FleetAnswers(workers);
        return log -> new WorkerTools(fleet, log);
    }

    @Tool(name = "workers_overview", value = "Every workstream (a coding agent working on a task on branch czar/<name>):"
            + " state (QUEUED, BLOCKED, RUNNING, NEEDS_INPUT, STUCK, VERIFYING, DONE, FAILED, KILLED, LOST), branch head SHA,"
            + " attempts, why it is in that state, and predicted conflicts or duplicate work between branches.")
    String overview() {
        return fleet.overview(null, log);
    }

    @Tool(name = "worker_detail", value = "One workstream in detail: whether it is stuck, waiting for input or really"
            + " done, its Definition of Done gate items with evidence, conflict alerts, last output lines and history.")
    String detail(@P("workstream name, e.g. fix-login") String name) {
        return fleet.overview(name, log);
    }
}
