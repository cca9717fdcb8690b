package dev.czar.workers;

import java.time.Instant;

/**
 * A warning about two branches found before merge time.
 *
 * @param kind   {@code conflict} (an in-core merge of a and b fails), {@code duplicate} (they look like the same work)
 *               or {@code drifting} (a's branch matches b's task better than its own)
 * @param a      a workstream name, or the main branch
 * @param b      another workstream name
 * @param detail the files or the reason
 */
public record WorkerAlert(String kind, String a, String b, String detail, Instant at) {
    public boolean concerns(String workstream) {
        return a.equals(workstream) || b.equals(workstream);
    }

    public String line() {
        if ("drifting".equals(kind)) { // issue 24: a's branch does b's task better than its own
            return "did the wrong task? " + a + " looks like " + b + "'s work: " + detail;
        }
        return ("conflict".equals(kind) ? "predicted conflict " : "possible duplicate work ") + a + " <-> " + b + ": " + detail;
    }
}
