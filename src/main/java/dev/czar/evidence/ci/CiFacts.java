package dev.czar.evidence.ci;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;

import java.util.List;

/**
 * CI facts with the evidence they rest on, read through an answer's {@link EvidenceLog}: the one service behind both
 * the offline CI answers and the model's CI tools, so both record the same calls ({@code ci.runs},
 * {@code ci.test_reports}) and cite the same facts the same way: each run as {@code ci:<run id>} with its URL, each
 * report as {@code ci:test-report/<id>}.
 */
public final class CiFacts {
    private final CiSources sources;

    public CiFacts(CiSources sources) {
        this.sources = sources;
    }

    /** Whether GitHub Actions evidence is configured at all. */
    public boolean actionsConfigured() {
        return sources.actions().configured();
    }

    /** The latest run of each workflow for a branch name or full commit SHA, every run cited. */
    public CiStatus runs(String ref, EvidenceLog log) {
        CiStatus status = log.call("ci.runs", () -> sources.actions().status(ref));
        for (WorkflowRun run : status.runs()) {
            log.cite(new Evidence("ci", String.valueOf(run.id()), run.workflow() + " #" + run.runNumber() + " "
                    + (run.completed() ? run.conclusion() : run.status()) + " on " + ref
                    + (status.live() ? "" : " (last known)"), run.url()));
        }
        return status;
    }

    /** The test reports imported for a commit (full SHA or a prefix), every report cited. */
    public List<TestReport> testReports(String commit, EvidenceLog log) {
        List<TestReport> reports = log.call("ci.test_reports", () -> sources.tests().forCommit(commit));
        reports.forEach(r -> log.cite(new Evidence("ci", "test-report/" + r.id(), r.source() + ": " + r.tests() + " tests, "
                + (r.failures() + r.errors()) + " failed, for " + r.commit().substring(0, Math.min(7, r.commit().length())), null)));
        return reports;
    }
}
