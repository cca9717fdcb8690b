package dev.czar.agent;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.git.BranchInfo;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.intent.MessageText;
import dev.czar.review.Finding;
import dev.czar.review.ReviewReport;
import dev.czar.review.ReviewService;
import dev.czar.review.ReviewTarget;
import dev.czar.review.Severity;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Answers "was feature-x reviewed?" and "what did the review of feature-x find?" from the stored reviews, citing
 * the review by id (source {@code review}). Reviews are run by the command path, never by a question.
 */
public final class ReviewAnswers implements TopicAnswers {
    private static final Pattern ABOUT_REVIEWS = Pattern.compile("\\breview(ed|s|er|ers)?\\b");

    private final ReviewService reviews;
    private final GitEvidence git;

    public ReviewAnswers(ReviewService reviews, GitEvidence git) {
        this.reviews = reviews;
        this.git = git;
    }

    @Override
    public Optional<String> answer(String question, EvidenceLog log) {
        if (!ABOUT_REVIEWS.matcher(MessageText.folded(question)).find()) {
            return Optional.empty();
        }
        Optional<String> branch = namedBranch(question);
        if (branch.isEmpty()) {
            return Optional.empty();
        }
        Optional<ReviewReport> latest = log.call("review.latest", () -> reviews.latest(new ReviewTarget.Branch(branch.get())));
        if (latest.isEmpty()) {
            return Optional.of("No review of " + branch.get() + " is on record. Run '/czar review " + branch.get()
                    + "' (or 'czar review " + branch.get() + "') to have the personas look at it.");
        }
        ReviewReport r = latest.get();
        log.cite(new Evidence("review", String.valueOf(r.id()), r.target() + ": " + r.verdict(), null));
        StringBuilder out = new StringBuilder("Latest review of " + branch.get() + " (review " + r.id() + ", " + r.mode()
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
        return Optional.of(out.toString());
    }

    private Optional<String> namedBranch(String question) {
        var names = git.branches().stream().map(BranchInfo::name).collect(Collectors.toSet());
        return Arrays.stream(question.split("\\s+"))
                .map(t -> t.replaceAll("^[`'\"(]+|[`'\")?.,!:;]+$", ""))
                .filter(names::contains).findFirst();
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
