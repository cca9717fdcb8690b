package dev.czar.agent;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.ci.CiSources;
import dev.czar.evidence.ci.CiStatus;
import dev.czar.evidence.ci.CiText;
import dev.czar.evidence.ci.TestReport;
import dev.czar.evidence.ci.TestReports;
import dev.czar.evidence.ci.WorkflowRun;
import dev.czar.evidence.git.BranchInfo;
import dev.czar.evidence.git.GitEvidence;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Offline STATUS answers about CI ("is CI green on feature-x?"): GitHub Actions runs for the branch and the test
 * reports imported for its head commit. Cites each run ({@code ci:<run id>}, with its URL) and each report
 * ({@code ci:test-report/<id>}); when GitHub is down it says so and cites the last known runs.
 */
public final class CiAnswers implements TopicAnswers {
    private final CiSources ci;
    private final GitEvidence git;
    private final Clock clock;

    private CiAnswers(CiSources ci, GitEvidence git, Clock clock) {
        this.ci = ci;
        this.git = git;
        this.clock = clock;
    }

    /** CI answers for the offline answerer, asked only for questions {@link Topic#CI} claims. */
    public static TopicAnswers of(CiSources ci, GitEvidence git, Clock clock) {
        return Topic.CI.answeredBy(new CiAnswers(ci, git, clock));
    }

    @Override
    public Optional<String> answer(String question, EvidenceLog log) {
        List<BranchInfo> branches = log.call("git.branches", git::branches);
        Optional<BranchInfo> branch = mentioned(question, branches);
        if (branch.isEmpty()) {
            return Optional.empty();
        }
        BranchInfo b = branch.get();
        log.cite(Evidence.git(b.head().sha(), "head of " + b.name()));
        StringBuilder out = new StringBuilder();
        if (ci.actions().configured()) {
            CiStatus status = log.call("ci.runs", () -> ci.actions().status(b.name()));
            for (WorkflowRun run : status.runs()) {
                log.cite(new Evidence("ci", String.valueOf(run.id()), run.workflow() + " #" + run.runNumber() + " "
                        + (run.completed() ? run.conclusion() : run.status()) + " on " + b.name()
                        + (status.live() ? "" : " (last known)"), run.url()));
            }
            out.append(CiText.render(status, clock.instant()));
        }
        List<TestReport> reports = log.call("ci.test_reports", () -> ci.tests().forCommit(b.head().sha()));
        reports.forEach(r -> log.cite(new Evidence("ci", "test-report/" + r.id(), r.source() + ": " + r.tests() + " tests, "
                + (r.failures() + r.errors()) + " failed, for " + b.head().shortSha(), null)));
        if (!reports.isEmpty() || !ci.actions().configured()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (!ci.actions().configured() && reports.isEmpty()) {
                out.append("GitHub Actions is not configured and no test reports were imported for ").append(b.name())
                        .append(" at ").append(b.head().shortSha()).append(", so I have no CI evidence for it.");
            } else {
                out.append(TestReports.render(b.head().shortSha(), reports));
            }
        }
        return Optional.of(out.toString());
    }

    private static Optional<BranchInfo> mentioned(String question, List<BranchInfo> branches) {
        for (String raw : question.split("[\\s,;:!?()\"'`]+")) {
            String token = raw.replaceAll("[.]+$", "");
            for (BranchInfo b : branches) {
                if (b.name().equalsIgnoreCase(token)) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }
}
