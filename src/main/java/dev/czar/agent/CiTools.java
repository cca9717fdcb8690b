package dev.czar.agent;

import dev.czar.UserError;
import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.ci.CiSources;
import dev.czar.evidence.ci.CiStatus;
import dev.czar.evidence.ci.CiText;
import dev.czar.evidence.ci.TestReport;
import dev.czar.evidence.ci.TestReports;
import dev.czar.evidence.ci.WorkflowRun;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import java.time.Clock;
import java.util.List;

/**
 * Read-only CI tools for the language-model agent: GitHub Actions runs of a branch or commit and the JUnit
 * reports imported for a commit. Thin adapters over {@link CiSources}, called through the answer's
 * {@link EvidenceLog}; every run is cited as {@code ci:<run id>} with its URL, every report as
 * {@code ci:test-report/<id>}.
 */
public final class CiTools {
    private final CiSources ci;
    private final EvidenceLog log;
    private final Clock clock;

    public CiTools(CiSources ci, EvidenceLog log, Clock clock) {
        this.ci = ci;
        this.log = log;
        this.clock = clock;
    }

    /** Registration for {@link AgentTools}: CI tools bound to each answer's evidence log. */
    public static EvidenceTools of(CiSources ci, Clock clock) {
        return log -> new CiTools(ci, log, clock);
    }

    /** Latest GitHub Actions run per workflow for a branch name or full commit SHA, with failing jobs and steps. */
    @Tool(name = "ci_runs", value = "Latest GitHub Actions run of each workflow for a branch or commit: status,"
            + " conclusion, run id and URL, failing jobs and their failed steps (or the last known result and its age).")
    public String ciRuns(@P("branch name or full commit SHA") String ref) {
        CiStatus status = log.call("ci.runs", () -> ci.actions().status(ref));
        for (WorkflowRun run : status.runs()) {
            log.cite(new Evidence("ci", String.valueOf(run.id()), run.workflow() + " #" + run.runNumber() + " "
                    + (run.completed() ? run.conclusion() : run.status()) + " for " + ref
                    + (status.live() ? "" : " (last known)"), run.url()));
        }
        return CiText.render(status, clock.instant());
    }

    /** What the imported test reports say about a commit (full or abbreviated SHA). */
    @Tool(name = "ci_test_reports", value = "Imported JUnit test reports for a commit: tests, failures with messages, duration.")
    public String testReports(@P("commit SHA, full or abbreviated") String commit) {
        try {
            List<TestReport> reports = log.call("ci.test_reports", () -> ci.tests().forCommit(commit));
            reports.forEach(r -> log.cite(new Evidence("ci", "test-report/" + r.id(), r.source() + ": " + r.tests()
                    + " tests, " + (r.failures() + r.errors()) + " failed", null)));
            return TestReports.render(commit, reports);
        } catch (UserError e) {
            return "error: " + e.getMessage();
        }
    }
}
