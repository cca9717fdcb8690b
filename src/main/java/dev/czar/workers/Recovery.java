package dev.czar.workers;

import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.LOST;
import static dev.czar.workers.WorkstreamState.PAUSED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamStore.set;

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
        for (Workstream ws : store.all()) {
            if (!ws.holdsProcess() || running.containsKey(ws.name())) {
                continue;
            }
            String ended = "";
            if (ws.pid() != null && backend.alive(ws.pid(), ws.pidStartedAt())) {
                backend.terminate(ws.pid(), ws.pidStartedAt());
                ended = "; its left-over process " + ws.pid() + " was ended so it never runs twice";
            }
            // it may have died between starting a worker and recording its pid
            List<Long> strays = backend.terminateIn(copies.dirOf(ws.name()));
            if (!strays.isEmpty()) {
                ended += "; left-over processes " + strays + " in its working copy were ended";
            }
            if (!store.transition(ws.name(), ws.state(), LOST, actor, "supervisor " + ws.owner() + " is gone" + ended,
                    set("owner", null, "pid", null))) {
                continue;
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
}
