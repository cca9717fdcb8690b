package dev.czar.review;

import dev.czar.UserError;
import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.git.FilePatch;
import dev.czar.evidence.git.GitEvidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * Multi-persona review of a branch (its changes since it left main), a commit range, a pull request or a proposal: builds the input, reuses a stored review of the
 * same content by the same personas unless asked for a fresh one, runs the personas, aggregates and stores the report.
 * Front doors (CLI, chat command, the Definition of Done gate) call {@link #review} and render the report.
 */
public final class ReviewService {
    /** Proposals larger than this are refused: they are documents, not data dumps. */
    static final long MAX_PROPOSAL_BYTES = 1_000_000;

    private final GitEvidence git;
    private final PersonaCatalog catalog;
    private final ReviewRunner runner;
    private final ReviewStore store;
    private final PullRequestDiffs pulls;
    private final Clock clock;

    public ReviewService(GitEvidence git, PersonaCatalog catalog, ReviewRunner runner, ReviewStore store,
                         PullRequestDiffs pulls, Clock clock) {
        this.git = git;
        this.catalog = catalog;
        this.runner = runner;
        this.store = store;
        this.pulls = pulls;
        this.clock = clock;
    }

    /** Reads a target as typed by a user: {@code feature-x}, {@code A..B}, {@code #12}. */
    public static ReviewTarget target(String text) {
        return ReviewTarget.parse(text);
    }

    /**
     * Reviews {@code target}.
     *
     * @throws UserError when the target does not exist, has no changes, or needs an integration that is off
     */
    public ReviewReport review(ReviewTarget target, ReviewOptions options) {
        List<Persona> personas = select(options.personas());
        ReviewInput input = input(target);
        String personaKey = personaKey(personas);
        if (!options.fresh()) {
            var cached = store.cached(input.hash(), personaKey);
            if (cached.isPresent()) {
                return cached.get().fromCache();
            }
        }
        List<PersonaOutcome> outcomes = runner.run(personas, input);
        ReviewReport report = ReviewAggregator.aggregate(target.label(), input.hash(), runner.mode(), personas, outcomes,
                catalog.problems(), catalog.replacementsAmong(personas), clock.instant());
        return store.save(report, personaKey);
    }

    /** A stored review, for links from status answers and Definition of Done reports. */
    public java.util.Optional<ReviewReport> find(long id) {
        return store.find(id);
    }

    /** The latest stored review of {@code target}, e.g. {@code new ReviewTarget.Branch("feature-x")}. */
    public java.util.Optional<ReviewReport> latest(ReviewTarget target) {
        return store.latest(target.label());
    }

    /**
     * The latest stored review of {@code branch}, read through an answer's log ({@code review.latest}) and cited by
     * id (source {@code review}): the one read behind the offline review answer and the model's review tool.
     */
    public java.util.Optional<ReviewReport> latestOf(String branch, EvidenceLog log) {
        java.util.Optional<ReviewReport> latest = log.call("review.latest", () -> latest(new ReviewTarget.Branch(branch)));
        latest.ifPresent(r -> log.cite(new Evidence("review", String.valueOf(r.id()), r.target() + ": " + r.verdict(), null)));
        return latest;
    }

    public PersonaCatalog personas() {
        return catalog;
    }

    ReviewInput input(ReviewTarget target) {
        ReviewInput input;
        if (target instanceof ReviewTarget.Branch branch) {
            input = branch(branch);
        } else if (target instanceof ReviewTarget.Range range) {
            input = new ReviewInput(target.label(), git.patches(range.from(), range.to()), "");
        } else if (target instanceof ReviewTarget.Proposal proposal) {
            input = new ReviewInput(target.label(), List.of(), read(proposal));
        } else {
            input = new ReviewInput(target.label(), pulls.patches(((ReviewTarget.PullRequest) target).number()), "");
        }
        if (input.isEmpty()) {
            throw new UserError(target.label() + " has no changes to review");
        }
        return input;
    }

    private ReviewInput branch(ReviewTarget.Branch branch) {
        String main = git.mainBranch().orElseThrow(() -> new UserError(git.missingMainExplanation()));
        if (git.find(branch.name()).isEmpty()) {
            throw new UserError("no branch named '" + branch.name() + "' (see 'czar ask \"which branches are there\"')");
        }
        if (branch.name().equals(main)) {
            throw new UserError("'" + main + "' is the main branch: review another branch, or a range such as " + main + "~3.." + main);
        }
        // what the branch introduces, as a pull request shows it: main's own newer commits are not the branch's changes
        String base = git.mergeBase(main, branch.name()).orElse(main);
        List<FilePatch> patches = git.patches(base, branch.name());
        return new ReviewInput(branch.label(), patches, "");
    }

    private static String read(ReviewTarget.Proposal proposal) {
        try {
            if (!Files.isRegularFile(proposal.file())) {
                throw new UserError("no such proposal file: " + proposal.file());
            }
            if (Files.size(proposal.file()) > MAX_PROPOSAL_BYTES) {
                throw new UserError("proposal " + proposal.file() + " is over 1 MB; review a shorter document");
            }
            return Files.readString(proposal.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read proposal " + proposal.file() + ": " + e.getMessage(), e);
        }
    }

    private List<Persona> select(List<String> names) {
        if (catalog.personas().isEmpty()) {
            throw new UserError("no usable personas: " + String.join("; ", catalog.problems()));
        }
        if (names.isEmpty()) {
            return catalog.personas();
        }
        return names.stream().map(n -> catalog.find(n).orElseThrow(() -> new UserError("no persona named '" + n
                + "' (available: " + String.join(", ", catalog.names()) + ")"))).toList();
    }

    /** Hash of the personas' content and the review mode: editing a persona or switching models invalidates the cache. */
    private String personaKey(List<Persona> personas) {
        MessageDigest digest = ReviewInput.sha256();
        digest.update(runner.mode().getBytes(StandardCharsets.UTF_8));
        for (Persona p : personas) {
            String text = p.name() + "\0" + p.prompt() + "\0" + p.offlineRules() + "\0" + p.checklist() + "\0";
            digest.update(text.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
