package dev.czar.workers;

import java.util.EnumSet;
import java.util.Set;

/** Where a workstream is in its life. Only the supervisor moves a workstream into {@link #DONE}, via the gate. */
public enum WorkstreamState {
    QUEUED, BLOCKED, RUNNING, NEEDS_INPUT, STUCK, VERIFYING, DONE, FAILED, KILLED, LOST;

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
