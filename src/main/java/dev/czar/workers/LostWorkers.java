package dev.czar.workers;

import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.LOST;
import static dev.czar.workers.WorkstreamState.PAUSED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamStore.set;

/**
 * A worker that vanished without ending on its own (its supervisor died, its pod was evicted): LOST, then re-queued
 * once; lost a second time, FAILED. One rule for the supervisor's start-up recovery and its watch.
 */
final class LostWorkers {
    private final String actor;
    private final WorkstreamStore store;

    LostWorkers(String actor, WorkstreamStore store) {
        this.actor = actor;
        this.store = store;
    }

    /** Marks {@code ws} LOST for {@code why} and re-queues it if it was never lost before. */
    void lose(Workstream ws, String why) {
        if (!store.transition(ws.name(), ws.state(), LOST, actor, why, set("owner", null, "pid", null))) {
            return;
        }
        boolean paused = ws.state() == PAUSED;
        if (ws.lostRequeues() < 1) {
            store.transition(ws.name(), LOST, paused ? PAUSED : QUEUED, actor, "re-queued once after being lost"
                            + (paused ? "; still paused: it starts again when resumed" : ""),
                    set("lost_requeues", ws.lostRequeues() + 1, "not_before", null, "paused_from", paused ? QUEUED : null));
        } else {
            store.transition(ws.name(), LOST, FAILED, actor, "lost a second time; not re-queued again",
                    set("paused_from", null));
        }
    }
}
