package dev.czar.workers;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.czar.workers.WorkstreamState.BLOCKED;
import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.KILLED;
import static dev.czar.workers.WorkstreamState.LOST;
import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.PAUSED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static dev.czar.workers.WorkstreamState.VERIFYING;

/**
 * The allowed moves between {@link WorkstreamState}s, in one table; {@link WorkstreamStore#transition} refuses any
 * other. DONE is reached only through the gate (VERIFYING) and never left; a finished workstream only goes back to
 * the queue (retry).
 */
public final class WorkstreamTransitions {
    private static final Map<WorkstreamState, Set<WorkstreamState>> ALLOWED = new EnumMap<>(WorkstreamState.class);

    static {
        ALLOWED.put(QUEUED, EnumSet.of(RUNNING, BLOCKED, PAUSED, KILLED, FAILED));
        ALLOWED.put(BLOCKED, EnumSet.of(QUEUED, PAUSED, KILLED, FAILED));
        ALLOWED.put(RUNNING, EnumSet.of(NEEDS_INPUT, STUCK, VERIFYING, QUEUED, FAILED, KILLED, PAUSED, LOST));
        ALLOWED.put(NEEDS_INPUT, EnumSet.of(NEEDS_INPUT, RUNNING, STUCK, VERIFYING, QUEUED, FAILED, KILLED, PAUSED, LOST));
        ALLOWED.put(STUCK, EnumSet.of(RUNNING, NEEDS_INPUT, VERIFYING, QUEUED, FAILED, KILLED, PAUSED, LOST));
        ALLOWED.put(PAUSED, EnumSet.of(PAUSED, QUEUED, BLOCKED, RUNNING, NEEDS_INPUT, STUCK, VERIFYING, FAILED, KILLED, LOST));
        ALLOWED.put(VERIFYING, EnumSet.of(VERIFYING, DONE, QUEUED, FAILED, KILLED, LOST));
        ALLOWED.put(DONE, EnumSet.noneOf(WorkstreamState.class));
        ALLOWED.put(FAILED, EnumSet.of(QUEUED));
        ALLOWED.put(KILLED, EnumSet.of(QUEUED));
        ALLOWED.put(LOST, EnumSet.of(QUEUED, PAUSED, FAILED));
    }

    private WorkstreamTransitions() {
    }

    public static boolean allowed(WorkstreamState from, WorkstreamState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Where a workstream in {@code from} may go. */
    public static Set<WorkstreamState> from(WorkstreamState from) {
        return Set.copyOf(ALLOWED.get(from));
    }
}
