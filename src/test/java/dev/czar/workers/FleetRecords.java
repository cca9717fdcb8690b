package dev.czar.workers;

import java.util.List;

/**
 * Test-only: writes the rows a real fleet would have written (alerts of a fleet check, a gate run, a supervisor's
 * move) into the workers' own stores, for tests of the features that read them (digests, the dashboard).
 */
public final class FleetRecords {
    private final WorkstreamStore store;

    private FleetRecords(WorkstreamStore store) {
        this.store = store;
    }

    public static FleetRecords of(Workers workers) {
        return new FleetRecords(workers.store());
    }

    /** The fleet's alerts, as a fleet check would replace them. */
    public void alerts(List<WorkerAlert> alerts) {
        store.alerts().replace(alerts);
    }

    /** One gate run of {@code name}, as the Definition of Done would store it. */
    public void gate(String name, String headSha, List<GateItem> items) {
        store.gates().save(name, headSha, items);
    }

    /** A state change as a supervisor makes it; false when {@code name} was not in {@code from}. */
    public boolean move(String name, WorkstreamState from, WorkstreamState to, String actor, String reason) {
        return store.transition(name, from, to, actor, reason);
    }
}
