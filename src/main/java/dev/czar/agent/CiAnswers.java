package dev.czar.agent;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.ci.CiFacts;
import dev.czar.evidence.ci.CiSources;
import dev.czar.evidence.ci.CiText;
import dev.czar.evidence.ci.TestReport;
import dev.czar.evidence.ci.TestReports;
import dev.czar.evidence.git.BranchInfo;
import dev.czar.evidence.git.GitEvidence;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Offline STATUS answers about CI ("is CI green on feature-x?"): a renderer over {@link CiFacts}, the same calls the
 * model's {@link CiTools} make, for the branch the question names and its head commit. When GitHub is down the facts
 * carry the last known runs, and the text says so.
 */
public final class CiAnswers implements TopicAnswers {
    private final CiFacts ci;
    private final GitEvidence git;
    private final Clock clock;

    private CiAnswers(CiFacts ci, GitEvidence git, Clock clock) {
        this.ci = ci;
        this.git = git;
        this.clock = clock;
    }

    /** CI answers for the offline answerer, asked only for questions {@link Topic#CI} claims. */
    public static TopicAnswers of(CiSources ci, GitEvidence git, Clock clock) {
        return Topic.CI.answeredBy(new CiAnswers(new CiFacts(ci), git, clock));
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
        if (ci.actionsConfigured()) {
            out.append(CiText.render(ci.runs(b.name(), log), clock.instant()));
        }
        List<TestReport> reports = ci.testReports(b.head().sha(), log);
        if (!reports.isEmpty() || !ci.actionsConfigured()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (!ci.actionsConfigured() && reports.isEmpty()) {
                out.append("GitHub Actions is not configured and no test reports were imported for ").append(b.name())
                        .append(" at ").append(b.head().shortSha()).append(", so I have no CI evidence for it.");
            } else {
                out.append(TestReports.render(b.head().shortSha(), reports));
            }
        }
        return Optional.of(out.toString());
    }

    /** The first branch the question names, by the status parser's tokenizer. */
    private static Optional<BranchInfo> mentioned(String question, List<BranchInfo> branches) {
        List<String> names = branches.stream().map(BranchInfo::name).toList();
        return StatusQuestionParser.mentionedBranches(question, names, name -> false).stream().findFirst()
                .flatMap(name -> branches.stream().filter(b -> b.name().equals(name)).findFirst());
    }
}
