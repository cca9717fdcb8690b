package dev.czar.review;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.command.CommandHandler;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /czar review <branch|A..B> [--fresh]}: runs a review through the command path and replies with the report.
 * The reply goes back where the command came from, so the review is shown only in the channel that asked.
 */
public final class ReviewCommand implements CommandHandler {
    public static final CommandSpec SPEC = new CommandSpec("review", List.of(), "review <branch|PR> [--fresh]",
            "multi-persona review (security, ops, legal, product) of a branch against main", Role.OPERATOR, false);

    private final ReviewService reviews;

    public ReviewCommand(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public CommandResult handle(CommandRequest request, EvidenceLog log) {
        boolean fresh = false;
        List<String> rest = new ArrayList<>();
        for (String arg : request.args()) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else {
                rest.add(arg);
            }
        }
        if (rest.size() != 1) {
            return new CommandResult("rejected", "usage: " + SPEC.syntax() + " — e.g. review feature-x");
        }
        ReviewTarget target = ReviewService.target(rest.get(0));
        ReviewOptions options = new ReviewOptions(fresh, List.of());
        ReviewReport report = log.call("review.run", () -> reviews.review(target, options));
        log.cite(new Evidence("review", "review#" + report.id(), report.target() + ": " + report.verdictLine(), null));
        return CommandResult.ok(ReviewText.terminal(report));
    }
}
