package dev.czar.github;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.workers.GateItem;
import dev.czar.workers.FleetHistory;
import dev.czar.workers.PullRequestSource;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What czar knows about its pull requests, from its own store (no call to GitHub): each one's state, review, checks
 * at its head (as webhooks reported them, else as the latest gate saw them), author and merge. Answers, the dashboard
 * and digests read these facts and cite them ({@code pr:57}, check run ids, SHAs). The methods taking an
 * {@link EvidenceLog} are the one read behind the offline pull-request answers and the model's pull-request tools
 * (issue 22): each records its call and cites what it returns.
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

    /** Facts over the app's database, with the gate's CI verdict from the fleet's latest gate run where no check was reported. */
    public static PullRequestFacts over(dev.czar.store.Database db, FleetHistory fleet) {
        return new PullRequestFacts(new PullRequestStore(db), new ReportedChecks(db), fleet::latestGate);
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

    /** One pull request ({@code pull_requests.get}), cited when found. */
    public Optional<Fact> number(int number, EvidenceLog log) {
        Optional<Fact> found = log.call("pull_requests.get", () -> number(number));
        found.ifPresent(f -> cite(f, log));
        return found;
    }

    /** Every tracked pull request ({@code pull_requests.list}), each cited. */
    public List<Fact> all(EvidenceLog log) {
        List<Fact> all = log.call("pull_requests.list", this::all);
        all.forEach(f -> cite(f, log));
        return all;
    }

    /** Whether czar tracks any pull request ({@code pull_requests.list}): a routing check, so nothing is cited. */
    public boolean tracksAny(EvidenceLog log) {
        return !log.call("pull_requests.list", this::all).isEmpty();
    }

    /** The pull requests waiting for review ({@code pull_requests.waiting}), each cited. */
    public List<Fact> waitingForReview(EvidenceLog log) {
        List<Fact> waiting = log.call("pull_requests.waiting", this::waitingForReview);
        waiting.forEach(f -> cite(f, log));
        return waiting;
    }

    /** Merged at or after {@code since} ({@code pull_requests.merged}), each cited with its merge commit. */
    public List<Fact> mergedSince(Instant since, EvidenceLog log) {
        List<Fact> merged = log.call("pull_requests.merged", () -> mergedSince(since));
        for (Fact f : merged) {
            cite(f, log);
            if (f.details().mergeSha() != null) {
                log.cite(Evidence.git(f.details().mergeSha(), "merge commit of pull request #" + f.pr().number()));
            }
        }
        return merged;
    }

    private static void cite(Fact f, EvidenceLog log) {
        var pr = f.pr();
        log.cite(new Evidence("pr", String.valueOf(pr.number()), "pull request #" + pr.number() + " of " + pr.workstream()
                + ": " + pr.state() + ", checks " + f.checks(), pr.url()));
        if (pr.headSha() != null) {
            log.cite(Evidence.git(pr.headSha(), "head of pull request #" + pr.number()));
        }
        for (ReportedChecks.Check check : f.reported()) {
            log.cite(new Evidence("ci", check.kind().replace('_', '-') + "/" + (check.kind().equals("status") ? check.name()
                    : check.externalId()), check.name() + " " + (check.pending() ? check.status() : check.conclusion())
                    + " at " + check.headSha().substring(0, Math.min(7, check.headSha().length())), check.url()));
        }
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
