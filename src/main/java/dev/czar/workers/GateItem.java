package dev.czar.workers;

/**
 * One checked item of the Definition of Done, with the evidence it was decided on.
 *
 * @param item     {@code commits}, {@code verify}, {@code ci}, {@code conflicts}, {@code substance}, {@code merged}
 * @param status   the outcome
 * @param evidence what was looked at: SHAs, exit codes, output lines, file names
 */
public record GateItem(String item, Status status, String evidence) {
    /** PASS and FAIL decide; SKIP means not configured; WAIT means only a human action is missing (a merge). */
    public enum Status { PASS, FAIL, SKIP, WAIT }

    public static GateItem pass(String item, String evidence) {
        return new GateItem(item, Status.PASS, evidence);
    }

    public static GateItem fail(String item, String evidence) {
        return new GateItem(item, Status.FAIL, evidence);
    }

    public String line() {
        return status.name() + " " + item + ": " + evidence;
    }
}
