package dev.czar.workers;

import dev.czar.UserError;
import dev.czar.review.Finding;
import dev.czar.review.ReviewOptions;
import dev.czar.review.ReviewReport;
import dev.czar.review.ReviewService;
import dev.czar.review.ReviewTarget;
import dev.czar.review.Severity;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The review item of the Definition of Done: the personas review the worker's branch (cached per diff, so a
 * re-check of the same head costs nothing). A blocker fails the gate and goes back to the worker as its next
 * input; a review whose personas did not all finish holds the gate for a human; anything else passes, with the
 * findings counted in the evidence and the review id to read them.
 */
public final class ReviewGate {
    /** Decides the review item for a branch, or nothing when reviews are not part of the gate. */
    @FunctionalInterface
    public interface Check {
        Check NONE = branch -> Optional.empty();

        Optional<GateItem> check(String branch);
    }

    private ReviewGate() {
    }

    public static Check over(ReviewService reviews) {
        return branch -> {
            ReviewTarget target = new ReviewTarget.Branch(branch);
            try {
                return Optional.of(decide(reviews.review(target, ReviewOptions.defaults())));
            } catch (UserError e) {
                // once merged, a branch has nothing left to diff: its last review still stands for it
                return Optional.of(reviews.latest(target).map(ReviewGate::decide)
                        .orElse(new GateItem("review", GateItem.Status.SKIP, e.getMessage())));
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ReviewGate.class).error("review of {} failed in the gate", branch, e);
                return Optional.of(new GateItem("review", GateItem.Status.SKIP, "the review could not run: " + e.getMessage()));
            }
        };
    }

    static GateItem decide(ReviewReport report) {
        String ref = "review " + report.id() + " (" + report.mode() + ")";
        List<Finding> blockers = report.findings().stream().filter(f -> f.severity() == Severity.BLOCKER).toList();
        if (!blockers.isEmpty()) {
            return GateItem.fail("review", ref + " found " + blockers.size() + " blocker(s): " + blockers.stream()
                    .map(f -> f.title() + (f.file() == null ? "" : " in " + f.file() + (f.line() == null ? "" : ":" + f.line()))
                            + (f.mitigation().isEmpty() ? "" : " — " + f.mitigation()))
                    .collect(Collectors.joining("; ")));
        }
        if (!report.failedPersonas().isEmpty()) {
            return new GateItem("review", GateItem.Status.WAIT, ref + " is incomplete: " + String.join(", ", report.failedPersonas())
                    + " did not finish; a human must review in their place");
        }
        long others = report.findings().size();
        return GateItem.pass("review", ref + ": " + report.verdict() + (others == 0 ? ", no findings"
                : ", " + others + " non-blocking finding(s)") + "; " + report.checklist().size() + " item(s) for a human to verify");
    }
}
