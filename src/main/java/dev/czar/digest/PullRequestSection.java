package dev.czar.digest;

import dev.czar.workers.PullRequestSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest's "Pull requests" section (issue 19): the pull requests czar opened and the ones merged since the last
 * digest, and every one that waits for review now.
 */
final class PullRequestSection {
    static final String TITLE = "Pull requests";

    private PullRequestSection() {
    }

    static DigestSection since(PullRequestSource source, Instant since) {
        List<PullRequestSource.Entry> prs = source.entries();
        if (prs.isEmpty()) {
            return DigestSection.quiet(TITLE, "none opened by czar");
        }
        List<DigestLine> lines = new ArrayList<>();
        for (PullRequestSource.Entry pr : prs) {
            if (pr.openedAt() != null && !pr.openedAt().isBefore(since)) {
                lines.add(DigestLine.of("opened #" + pr.number() + " (" + pr.workstream() + ") " + pr.url(), pr.evidence()));
            }
        }
        prs.stream().filter(PullRequestSource.Entry::waitingForReview).forEach(pr -> lines.add(DigestLine.of(
                "waiting for review: #" + pr.number() + " (" + pr.workstream() + "), checks " + pr.checks() + " " + pr.url(),
                pr.evidence())));
        for (PullRequestSource.Entry pr : prs) {
            if ("merged".equals(pr.state()) && pr.mergedAt() != null && !pr.mergedAt().isBefore(since)) {
                lines.add(DigestLine.of("merged #" + pr.number() + " (" + pr.workstream() + ")"
                        + (pr.author() == null ? "" : " by " + pr.author())
                        + (pr.mergeSha() == null ? "" : " as " + pr.mergeSha().substring(0, Math.min(7, pr.mergeSha().length()))),
                        pr.evidence()));
            }
        }
        return lines.isEmpty() ? DigestSection.quiet(TITLE, "none opened, waiting or merged")
                : new DigestSection(TITLE, lines, "", true);
    }
}
