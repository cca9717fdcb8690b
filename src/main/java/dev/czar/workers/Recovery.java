package dev.czar.workers;

import java.util.List;
import java.util.Map;

/**
 * Start-up recovery, run when a supervisor takes the home's lease: workers whose supervisor is gone (a czar killed
 * with {@code kill -9}) have their left-over processes ended, become LOST, and are re-queued once.
 */
final class Recovery {
    private final String actor;
    private final WorkstreamStore store;
    private final WorkerBackend backend;
    private final WorkingCopies copies;

    Recovery(String actor, WorkstreamStore store, WorkerBackend backend, WorkingCopies copies) {
        this.actor = actor;
        this.store = store;
        this.backend = backend;
        this.copies = copies;
    }

    /** Workers of a supervisor that is gone: end any left-over process, mark LOST, re-queue once. */
    void recover(Map<String, Activity> running) {
        LostWorkers lost = new LostWorkers(actor, store);
        for (Workstream ws : store.all()) {
            if (!ws.holdsProcess() || running.containsKey(ws.name())) {
                continue;
            }
            String ended = "";
            if (ws.pid() != null && ws.pid() > 0 && backend.alive(ws.pid(), ws.pidStartedAt())) {
                backend.terminate(ws.pid(), ws.pidStartedAt());
                ended = "; its left-over process " + ws.pid() + " was ended so it never runs twice";
            }
            // it may have died between starting a worker and recording its pid
            List<String> strays = backend.terminateLeftovers(ws.name(), copies.dirOf(ws.name()));
            if (!strays.isEmpty()) {
                ended += "; left-over " + (backend.capabilities().hostFiles() ? "processes " : "workers ") + strays
                        + (backend.capabilities().hostFiles() ? " in its working copy" : "") + " were ended";
            }
            lost.lose(ws, "supervisor " + ws.owner() + " is gone" + ended);
        }
    }
}
