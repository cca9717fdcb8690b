package dev.czar.workers;

import dev.czar.evidence.ci.CiSources;
import dev.czar.evidence.ci.CiStatus;
import dev.czar.evidence.ci.TestReport;
import dev.czar.evidence.ci.WorkflowRun;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The CI item of the Definition of Done, decided on the branch head: imported test reports for that commit,
 * and GitHub Actions runs when configured. Red anywhere fails the gate; a run still in progress holds it (WAIT);
 * no evidence at all is a SKIP that says so, never a pass.
 */
public final class CiGate {
    /** Decides the {@code ci} item for a branch head. */
    @FunctionalInterface
    public interface Check {
        Check NONE = (branch, head) -> new GateItem("ci", GateItem.Status.SKIP, "CI evidence is not configured for workers");

        GateItem check(String branch, String headSha);
    }

    private CiGate() {
    }

    public static Check over(CiSources ci) {
        return (branch, head) -> decide(head, ci.tests().forCommit(head), ci.actions().configured() ? ci.actions().status(head) : null);
    }

    static GateItem decide(String head, List<TestReport> reports, CiStatus actions) {
        String shortHead = DoneGate.shortSha(head);
        List<TestReport> red = reports.stream().filter(r -> !r.passed()).toList();
        if (!red.isEmpty()) {
            return GateItem.fail("ci", "test report(s) for " + shortHead + " failed: " + red.stream()
                    .map(r -> r.source() + " " + (r.failures() + r.errors()) + " of " + r.tests() + " failed (report " + r.id() + ")")
                    .collect(Collectors.joining("; ")));
        }
        if (actions != null && !actions.runs().isEmpty()) {
            List<WorkflowRun> failed = actions.runs().stream().filter(r -> r.completed() && !r.green()).toList();
            if (!failed.isEmpty()) {
                return GateItem.fail("ci", "CI is red at " + shortHead + ": " + runs(failed));
            }
            List<WorkflowRun> running = actions.runs().stream().filter(r -> !r.completed()).toList();
            if (!running.isEmpty()) {
                return new GateItem("ci", GateItem.Status.WAIT, "CI still running at " + shortHead + ": " + runs(running));
            }
            return GateItem.pass("ci", "CI green at " + shortHead + ": " + runs(actions.runs())
                    + (actions.live() ? "" : " (last known result: " + actions.problem() + ")"));
        }
        if (!reports.isEmpty()) {
            return GateItem.pass("ci", "test report(s) for " + shortHead + " passed: " + reports.stream()
                    .map(r -> r.source() + " " + r.tests() + " tests (report " + r.id() + ")").collect(Collectors.joining("; ")));
        }
        String why = actions == null ? "no test report imported for " + shortHead + " and GitHub Actions is not configured"
                : "no CI run known for " + shortHead + (actions.problem() == null ? "" : " (" + actions.problem() + ")");
        return new GateItem("ci", GateItem.Status.SKIP, why);
    }

    private static String runs(List<WorkflowRun> runs) {
        return runs.stream().map(r -> r.workflow() + " run " + r.id() + " " + (r.completed() ? r.conclusion() : r.status())
                + " " + r.url()).collect(Collectors.joining("; "));
    }
}
