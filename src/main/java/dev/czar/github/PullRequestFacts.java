package dev.czar.github;

import dev.czar.workers.GateItem;
import dev.czar.workers.PullRequestSource;
import dev.czar.workers.Workers;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What czar knows about its pull requests, from its own store (no call to GitHub): each one's state, review, checks
 * at its head (as webhooks reported them, else as the latest gate saw them), author and merge. Answers, the dashboard
 * and digests read these facts and cite them ({@code pr:57}, check run ids, SHAs).
 */
public final class PullRequestFacts implements PullRequestSource {
    private final PullRequestStore pulls;
    private final ReportedChecks checks;
    private final Function<String, List<GateItem>> latestGate;

    /** @param latestGate a workstream's latest Definition of Done items (empty before its first gate run) */
    public PullRequestFacts(PullRequestStore pulls, ReportedChecks checks, Function<String, List<GateItem>> latestGate) {
        this.pulls = pulls;
        this.checks = checks;
        this.latestGate = latestGate;
    }

    /** Facts over the app's database and workers. */
    public static PullRequestFacts over(dev.czar.store.Database db, Workers workers) {
        return new PullRequestFacts(new PullRequestStore(db), new ReportedChecks(db),
                name -> workers.history().latestGate(name));
    }

    /**
     * One pull request with its checks.
     *
     * @param checks   {@code green}, {@code red}, {@code pending}, {@code none} or {@code unknown} (nothing reported, not
     *                 gated yet)
     * @param reported the check runs, suites and statuses reported at its head (empty when the verdict is the gate's)
     * @param gateLine the gate's CI line when the verdict is the gate's, else {@code null}
     */
    public record Fact(PullRequestStore.Details details, String checks, List<ReportedChecks.Check> reported, String gateLine) {
        public PullRequestStore.PullRequest pr() {
            return details.pr();
        }

        /** Ready for review (not a draft), open, and no approval yet. */
        public boolean waitingForReview() {
            return pr().state().equals("open") && !"approved".equals(details.reviewState());
        }
    }

    /** Every tracked pull request, newest number first. */
    public List<Fact> all() {
        return pulls.all().stream().map(this::fact).toList();
    }

    public Optional<Fact> number(int number) {
        return pulls.byNumber(number).map(this::fact);
    }

    public Optional<Fact> ofWorkstream(String workstream) {
        return pulls.of(workstream).flatMap(pr -> pulls.byNumber(pr.number())).map(this::fact);
    }

    public List<Fact> waitingForReview() {
        return all().stream().filter(Fact::waitingForReview).toList();
    }

    /** Merged at or after {@code since}, latest first. */
    public List<Fact> mergedSince(Instant since) {
        return all().stream().filter(f -> f.pr().state().equals("merged") && f.details().mergedAt() != null
                        && !f.details().mergedAt().isBefore(since))
                .sorted(Comparator.comparing((Fact f) -> f.details().mergedAt()).reversed()).toList();
    }

    /** Opened at or after {@code since}. */
    public List<Fact> openedSince(Instant since) {
        return all().stream().filter(f -> f.details().openedAt() != null && !f.details().openedAt().isBefore(since)).toList();
    }

    @Override
    public List<Entry> entries() {
        return all().stream().map(PullRequestFacts::entry).toList();
    }

    private static Entry entry(Fact f) {
        PullRequestStore.Details d = f.details();
        List<String> red = f.reported().stream().filter(ReportedChecks.Check::red)
                .map(c -> "'" + c.name() + "' (" + c.citation() + ")").toList();
        return new Entry(f.pr().workstream(), f.pr().number(), f.pr().url(), f.pr().state(), d.reviewState(), f.checks(),
                f.pr().headSha(), d.author(), d.openedAt(), d.mergedAt(), d.mergeSha(), red);
    }

    private Fact fact(PullRequestStore.Details details) {
        PullRequestStore.PullRequest pr = details.pr();
        List<ReportedChecks.Check> reported = pr.headSha() == null ? List.of() : checks.at(pr.repo(), pr.headSha());
        if (!reported.isEmpty()) {
            return new Fact(details, ReportedChecks.verdict(reported), reported, null);
        }
        List<GateItem> gate = latestGate.apply(pr.workstream());
        String verdict = PullRequestSummary.of(pr, gate).checks();
        String line = gate.stream().filter(i -> i.item().equals("ci")).findFirst().map(GateItem::line).orElse(null);
        return new Fact(details, verdict, List.of(), line);
    }
}
