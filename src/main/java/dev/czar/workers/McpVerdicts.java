package dev.czar.workers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts the verdicts of {@code claim_done} (issue 21) to the workstream's thread like a gate run's. The gate ran in
 * the worker's {@code czar mcp} process, which has no front door; it left the verdict with its items in the
 * workstream's history, and the supervisor running the worker, whose notices reach the thread, tells each one once.
 */
final class McpVerdicts {
    static final String PREFIX = "claim_done ";
    private static final int LOOK_BACK = 20;

    private final WorkstreamStore store;
    private final WorkerNotices notices;
    /** The newest claim_done event told (or already there when the supervisor first looked), by workstream. */
    private final Map<String, Long> told = new ConcurrentHashMap<>();

    McpVerdicts(WorkstreamStore store, WorkerNotices notices) {
        this.store = store;
        this.notices = notices;
    }

    /** Tells the thread every verdict of {@code ws}'s worker not told yet, oldest first. */
    void announce(Workstream ws) {
        List<WorkstreamEvent> claims = store.log().of(ws.name(), LOOK_BACK).stream()
                .filter(e -> WorkerChannel.actor(ws.name()).equals(e.actor()) && e.reason().startsWith(PREFIX))
                .sorted(java.util.Comparator.comparingLong(WorkstreamEvent::id)).toList();
        long newest = claims.isEmpty() ? 0 : claims.get(claims.size() - 1).id();
        Long last = told.putIfAbsent(ws.name(), newest);
        if (last == null) {
            return; // first look at this worker (e.g. after a restart): what is there was told by whoever saw it
        }
        for (WorkstreamEvent claim : claims) {
            if (claim.id() > last) {
                notices.tell(ws, claim.reason());
            }
        }
        told.put(ws.name(), Math.max(last, newest));
    }
}
