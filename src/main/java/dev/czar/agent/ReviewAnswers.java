package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.git.BranchInfo;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.review.Finding;
import dev.czar.review.ReviewReport;
import dev.czar.review.ReviewService;
import dev.czar.review.Severity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers "was feature-x reviewed?" and "what did the review of feature-x find?" from the stored reviews: a renderer
 * over {@link ReviewService#latestOf}, the same read the model's {@link ReviewTools} make, citing the review by id
 * (source {@code review}). Reviews are run by the command path, never by a question.
 */
public final class ReviewAnswers implements TopicAnswers {
    private final ReviewService reviews;
    private final GitEvidence git;

    ReviewAnswers(ReviewService reviews, GitEvidence git) {
        this.reviews = reviews;
        this.git = git;
    }

    /** Review answers for the offline answerer, asked only for questions {@link Topic#REVIEW} claims. */
    public static TopicAnswers of(ReviewService reviews, GitEvidence git) {
        return Topic.REVIEW.answeredBy(new ReviewAnswers(reviews, git));
    }

    @Override
    public Optional<String> answer(String question, EvidenceLog log) {
        List<String> names = git.branches().stream().map(BranchInfo::name).toList();
        return StatusQuestionParser.mentionedBranches(question, names, name -> false).stream().findFirst()
                .map(branch -> latest(branch, log));
    }

    /** The latest review of a branch czar knows; empty when there is no such branch. */
    Optional<String> ofBranch(String branch, EvidenceLog log) {
        return git.branches().stream().map(BranchInfo::name).filter(branch::equals).findFirst().map(b -> latest(b, log));
    }

    private String latest(String branch, EvidenceLog log) {
        Optional<ReviewReport> latest = reviews.latestOf(branch, log);
        if (latest.isEmpty()) {
            return "No review of " + branch + " is on record. Run '/czar review " + branch
                    + "' (or 'czar review " + branch + "') to have the personas look at it.";
        }
        ReviewReport r = latest.get();
        StringBuilder out = new StringBuilder("Latest review of " + branch + " (review " + r.id() + ", " + r.mode()
                + ", " + r.createdAt() + "): " + r.verdictLine());
        if (!r.findings().isEmpty()) {
            out.append("\n  findings: ").append(tally(r));
            r.findings().stream().filter(f -> f.severity() == Severity.BLOCKER).limit(3).forEach(f ->
                    out.append("\n  blocker: ").append(f.title()).append(f.file() == null ? "" : " (" + f.file()
                            + (f.line() == null ? "" : ":" + f.line()) + ")"));
        }
        if (!r.failedPersonas().isEmpty()) {
            out.append("\n  personas that did not finish: ").append(String.join(", ", r.failedPersonas()));
        }
        out.append("\n  still for a human to verify: ").append(r.checklist().size()).append(" item(s)");
        return out.toString();
    }

    private static String tally(ReviewReport r) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Finding f : r.findings()) {
            counts.merge(f.severity(), 1L, Long::sum);
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                .collect(Collectors.joining(", "));
    }
}
