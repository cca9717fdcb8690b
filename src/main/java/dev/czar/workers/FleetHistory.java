package dev.czar.workers;

import dev.czar.store.Database;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the fleet did, for the features that report on it (digests, alerts, the dashboard, {@code czar workers
 * --follow}, GitHub webhooks): workstream events, one workstream's history or all of them as a stream, each
 * workstream's latest gate run, and which workstream works on a branch. Read-only: changes go through
 * {@link Workers}.
 */
public final class FleetHistory {
    private final WorkstreamStore store;

    FleetHistory(WorkstreamStore store) {
        this.store = store;
    }

    /** The history of the workstreams kept in {@code db}, e.g. a store another czar process writes. */
    public FleetHistory(Database db, Clock clock) {
        this(new WorkstreamStore(db, clock));
    }

    /** The latest {@code limit} events of a workstream, oldest first. */
    public List<WorkstreamEvent> events(String name, int limit) {
        return store.log().of(name, limit);
    }

    /** The id of the newest event of any workstream, 0 before the first: where a follower starts reading. */
    public long lastEventId() {
        return store.log().lastId();
    }

    /**
     * Events of every workstream with an id above {@code afterId}, oldest first, at most 500 (a page: call again
     * from the last id read to follow the fleet).
     */
    public List<WorkstreamEvent> eventsAfter(long afterId) {
        return store.log().after(afterId);
    }

    /** The items of a workstream's latest gate run, in check order; empty before the first run. */
    public List<GateItem> latestGate(String name) {
        return store.gates().latest(name);
    }

    /** The workstream whose branch is {@code branch}, if any. */
    public Optional<Workstream> onBranch(String branch) {
        return store.onBranch(branch);
    }
}
