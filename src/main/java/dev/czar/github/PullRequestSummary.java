package dev.czar.github;

import dev.czar.workers.GateItem;

import java.util.List;

/**
 * A workstream's pull request as answers show it ({@code czar workers --json}'s {@code pr}): number, url, state and
 * the checks as the latest gate saw them at the head it checked.
 *
 * @param checks {@code green}, {@code red}, {@code pending}, {@code none} (nothing reported) or {@code unknown}
 *               (not gated yet)
 */
public record PullRequestSummary(int number, String url, String state, String checks) {
    public static PullRequestSummary of(PullRequestStore.PullRequest pr, List<GateItem> latestGate) {
        String checks = latestGate.stream().filter(i -> i.item().equals("ci")).findFirst().map(i -> switch (i.status()) {
            case PASS -> "green";
            case FAIL -> "red";
            case WAIT -> "pending";
            case SKIP -> "none";
        }).orElse("unknown");
        return new PullRequestSummary(pr.number(), pr.url(), pr.state(), checks);
    }

    /** How answers cite it. */
    public String citation() {
        return "pr:" + number;
    }
}
