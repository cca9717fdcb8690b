package dev.czar.workers;

import dev.czar.store.Database;

import java.time.Clock;
import java.util.List;

/**
 * The Definition of Done reports stored for each workstream, read from the shared database without the rest of the
 * worker feature: pull request facts are built before {@link Workers} and handed to it, so they cannot read it.
 */
public final class GateReports {
    private final GateRecords gates;

    public GateReports(Database db, Clock clock) {
        this.gates = new GateRecords(db, clock);
    }

    /** The items of the workstream's latest gate report; empty before its first gate run. */
    public List<GateItem> latest(String workstream) {
        return gates.latest(workstream);
    }
}
