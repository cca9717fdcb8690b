package dev.czar.workers;

import dev.czar.chat.Evidence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pull requests of the workstreams as czar stored them (issue 19), for the views that show a workstream: fleet
 * answers, the dashboard, digests and alerts. Empty when GitHub is not configured.
 */
@FunctionalInterface
public interface PullRequestSource {
    PullRequestSource NONE = List::of;

    /**
     * One workstream's pull request.
     *
     * @param state     {@code draft}, {@code open} (ready for review), {@code merged} or {@code closed}
     * @param review    {@code approved}, {@code changes_requested}, ... or {@code null} before any review
     * @param checks    {@code green}, {@code red}, {@code pending}, {@code none} or {@code unknown}
     * @param redChecks the failed checks at the head, as {@code 'build' (check run 4401)}
     */
    record Entry(String workstream, int number, String url, String state, String review, String checks, String headSha,
                 String author, Instant openedAt, Instant mergedAt, String mergeSha, List<String> redChecks) {
        /** Ready for review, open and not approved yet. */
        public boolean waitingForReview() {
            return state.equals("open") && !"approved".equals(review);
        }

        /** {@code #57 open, no review yet, checks green}. */
        public String line() {
            return "#" + number + " " + (state.equals("open") ? "open (ready for review)" : state) + ", "
                    + (review == null ? "no review yet" : "review " + review.replace('_', ' ')) + ", checks " + checks;
        }

        public Evidence evidence() {
            return new Evidence("pr", String.valueOf(number), "pull request #" + number + " of " + workstream + ": " + state
                    + ", checks " + checks + (headSha == null ? "" : " at " + DoneGate.shortSha(headSha)), url);
        }
    }

    /** Every stored pull request, newest first. */
    List<Entry> entries();

    default Optional<Entry> of(String workstream) {
        return entries().stream().filter(e -> e.workstream().equals(workstream)).findFirst();
    }
}
