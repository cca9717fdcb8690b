package dev.czar.agent;

import dev.czar.UserError;
import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.ci.CiFacts;
import dev.czar.evidence.ci.CiSources;
import dev.czar.evidence.ci.CiText;
import dev.czar.evidence.ci.TestReports;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import java.time.Clock;

/**
 * Read-only CI tools for the language-model agent: GitHub Actions runs of a branch or commit and the JUnit
 * reports imported for a commit. A renderer over {@link CiFacts}, the same calls (and citations) as the offline
 * {@link CiAnswers}, bound to the answer's {@link EvidenceLog}.
 */
public final class CiTools {
    private final CiFacts ci;
    private final EvidenceLog log;
    private final Clock clock;

    public CiTools(CiSources ci, EvidenceLog log, Clock clock) {
        this.ci = new CiFacts(ci);
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
        return CiText.render(ci.runs(ref, log), clock.instant());
    }

    /** What the imported test reports say about a commit (full or abbreviated SHA). */
    @Tool(name = "ci_test_reports", value = "Imported JUnit test reports for a commit: tests, failures with messages, duration.")
    public String testReports(@P("commit SHA, full or abbreviated") String commit) {
        try {
            return TestReports.render(commit, ci.testReports(commit, log));
        } catch (UserError e) {
            return "error: " + e.getMessage();
        }
    }
}
