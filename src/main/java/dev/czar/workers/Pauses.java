package dev.czar.workers;

import java.util.EnumSet;
import java.util.Set;

/**
 * Pause and resume as row changes: {@link WorkstreamState#PAUSED} remembers the state it was paused in; the
 * supervisor running the worker stops or continues its process group on its next round.
 */
final class Pauses {
    /** STUCK is left out: a stuck worker is being ended and re-queued, pause it once it is queued. */
    private static final Set<WorkstreamState> PAUSABLE = EnumSet.of(WorkstreamState.QUEUED,
            WorkstreamState.BLOCKED, WorkstreamState.RUNNING, WorkstreamState.NEEDS_INPUT);

    private final WorkstreamStore store;
    private final WorkerCapabilities capabilities;
    private final String backend;

    Pauses(WorkstreamStore store) {
        this(store, WorkerCapabilities.LOCAL, "local");
    }

    /** @param backend {@code workers.backend}, named when its workers cannot be paused */
    Pauses(WorkstreamStore store, WorkerCapabilities capabilities, String backend) {
        this.store = store;
        this.capabilities = capabilities;
        this.backend = backend;
    }

    /** See {@link Workers#pause}. */
    WorkerAction pause(Workstream ws, String user) {
        String name = ws.name();
        if (ws.state() == WorkstreamState.PAUSED) {
            return WorkerAction.unchanged(ws, name + " is already paused (it was " + ws.pausedFrom().label()
                    + "); resume it with 'resume " + name + "'.");
        }
        if (!PAUSABLE.contains(ws.state())) {
            return WorkerAction.unchanged(ws, name + " is " + ws.state().label()
                    + "; only queued, blocked, running or waiting workstreams can be paused.");
        }
        if (ws.holdsProcess() && !capabilities.pause()) {
            return notSupported(ws);
        }
        String effect = ws.holdsProcess() ? "its worker's process group is stopped and its stuck clock frozen"
                : "it is not started until resumed";
        if (!store.transition(name, ws.state(), WorkstreamState.PAUSED, user, "paused by " + user + " (was "
                + ws.state().label() + "); " + effect, WorkstreamStore.set("paused_from", ws.state()))) {
            return WorkerAction.raced(ws);
        }
        return WorkerAction.changed(ws, WorkstreamState.PAUSED, "Paused " + name + " (was " + ws.state().label() + "): "
                + effect + (ws.holdsProcess() ? " on the supervisor's next round. It keeps its worker slot." : ".")
                + " Resume with 'resume " + name + "'.");
    }

    /** See {@link Workers#resume}. */
    WorkerAction resume(Workstream ws, String user) {
        String name = ws.name();
        if (ws.state() != WorkstreamState.PAUSED) {
            return WorkerAction.unchanged(ws, name + " is " + ws.state().label() + ", not paused; nothing to resume.");
        }
        WorkstreamState back = ws.pausedFrom() != null ? ws.pausedFrom() : WorkstreamState.QUEUED;
        if (ws.holdsProcess() && !capabilities.pause()) {
            return notSupported(ws);
        }
        String effect = ws.holdsProcess() ? "its worker's process group continues on the supervisor's next round"
                : "it starts when a slot is free";
        if (!store.transition(name, WorkstreamState.PAUSED, back, user, "resumed by " + user + "; " + effect,
                WorkstreamStore.set("paused_from", null))) {
            return WorkerAction.raced(ws);
        }
        return WorkerAction.changed(ws, back, "Resumed " + name + " (" + back.label() + "): " + effect + ".");
    }

    private WorkerAction notSupported(Workstream ws) {
        return WorkerAction.unchanged(ws, "Pause is not supported for workers.backend " + backend + ": " + ws.name()
                + "'s worker cannot be stopped and continued; kill it ('kill " + ws.name() + "') or let it run."
                + " Queued workstreams can be paused.");
    }
}
