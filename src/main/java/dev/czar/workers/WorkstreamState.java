package dev.czar.workers;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a workstream is in its life. Only the supervisor moves a workstream into {@link #DONE}, via the gate.
 * {@link #PAUSED} is held by an operator: it remembers the state it was paused in ({@link Workstream#pausedFrom()}).
 */
public enum WorkstreamState {
    QUEUED, BLOCKED, RUNNING, NEEDS_INPUT, STUCK, PAUSED, VERIFYING, DONE, FAILED, KILLED, LOST;

    /** States in which a worker process runs (paused workstreams that came from one of these keep theirs, stopped). */
    public static final Set<WorkstreamState> WITH_PROCESS = EnumSet.of(RUNNING, NEEDS_INPUT, STUCK);

    /** States in which a worker process (or its gate) is alive and owned by a supervisor. */
    public static final Set<WorkstreamState> ACTIVE = EnumSet.of(RUNNING, NEEDS_INPUT, STUCK, VERIFYING);
    /** States nothing leaves on its own. */
    public static final Set<WorkstreamState> FINISHED = EnumSet.of(DONE, FAILED, KILLED);

    public boolean active() {
        return ACTIVE.contains(this);
    }

    public boolean finished() {
        return FINISHED.contains(this);
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
