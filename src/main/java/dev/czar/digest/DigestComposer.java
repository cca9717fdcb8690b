package dev.czar.digest;

import dev.czar.agent.TokenLedger;
import dev.czar.chat.Evidence;
import dev.czar.evidence.git.CommitInfo;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.workers.FleetHistory;
import dev.czar.workers.Workers;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamEvent;
import dev.czar.workers.WorkstreamState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a digest from the same services the answers use: the workers, git, CI, benchmarks and the token
 * ledger. Each section says "not configured" when its source is off; a digest with nothing new is one line.
 */
public final class DigestComposer {
    static final Duration FIRST_DIGEST_LOOKBACK = Duration.ofDays(1);
    private static final int MAX_LANDED = 10;

    private final Workers workers;
    private final FleetHistory history;
    private final FleetSections fleet;
    private final GitEvidence git;
    private final CiSource ci;
    private final BenchSource bench;
    private final TokenLedger tokens;
    private final Clock clock;

    /** @param tokens {@code null} when token spend is not recorded */
    public DigestComposer(Workers workers, GitEvidence git, CiSource ci, BenchSource bench, TokenLedger tokens, Clock clock) {
        this.workers = workers;
        this.history = workers.history();
        this.fleet = new FleetSections(workers);
        this.git = git;
        this.ci = ci;
        this.bench = bench;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Workers workers() {
        return workers;
    }

    public GitEvidence git() {
        return git;
    }

    public CiSource ci() {
        return ci;
    }

    public BenchSource bench() {
        return bench;
    }

    /** What a digest covered, to be saved as the target's new mark. */
    public record Composed(Digest digest, long lastEventId, Set<String> seen) {
    }

    /** The digest of everything since {@code mark}; the last day when this target never had one. */
    public Composed compose(Optional<DigestMarks.Mark> mark) {
        Instant now = clock.instant();
        Instant since = mark.map(DigestMarks.Mark::at).orElse(now.minus(FIRST_DIGEST_LOOKBACK));
        long afterId = mark.map(DigestMarks.Mark::lastEventId).orElse(0L);
        Set<String> seen = mark.map(DigestMarks.Mark::seen).orElse(Set.of());
        List<WorkstreamEvent> page = history.eventsAfter(afterId);
        List<WorkstreamEvent> events = page.stream().filter(e -> !e.at().isBefore(since)).toList();
        long lastId = page.stream().mapToLong(WorkstreamEvent::id).max().orElse(afterId);
        List<Workstream> all = workers.all();
        Optional<String> main = git.mainBranch();
        List<DigestSection> sections = new ArrayList<>();
        sections.add(fleet.workstreams(all, events));
        sections.add(landed(main, since));
        List<DigestSection> standing = new ArrayList<>();
        standing.add(ci(main, all));
        standing.add(fleet.conflicts());
        standing.add(PullRequestSection.since(workers.pullRequests(), since)); // issue 19
        BenchSection benchSection = bench(main, all);
        standing.add(benchSection.section());
        Set<String> shown = new java.util.HashSet<>();
        for (DigestSection s : standing) {
            s.lines().forEach(l -> shown.add(l.text()));
            sections.add(new DigestSection(s.title(), s.lines(), s.note(), s.lines().stream().anyMatch(l -> !seen.contains(l.text()))));
        }
        sections.add(tokens(since));
        sections.add(AgentUsageSection.since(workers, since));
        DigestSection humans = fleet.needsHuman(all);
        sections.add(humans);
        boolean nothingNew = sections.stream().noneMatch(DigestSection::news);
        String headline = nothingNew ? quietLine(since, all, humans)
                : "czar digest, " + describe(since, now) + ": " + countByState(all);
        return new Composed(new Digest(since, now, headline, sections, nothingNew, benchSection.worst()), lastId, shown);
    }

    private DigestSection landed(Optional<String> main, Instant since) {
        if (main.isEmpty()) {
            return DigestSection.quiet("Landed on main", "no main branch");
        }
        List<CommitInfo> commits = git.landedSince(since, MAX_LANDED + 1);
        List<DigestLine> lines = new ArrayList<>();
        for (CommitInfo c : commits.stream().limit(MAX_LANDED).toList()) {
            lines.add(DigestLine.of(c.shortSha() + " " + c.subject() + " (" + c.author() + ")",
                    Evidence.git(c.sha(), "landed on " + main.get())));
        }
        if (commits.size() > MAX_LANDED) {
            lines.add(DigestLine.of("and more; see git log " + main.get()));
        }
        return lines.isEmpty() ? DigestSection.quiet("Landed on " + main.get(), "nothing")
                : new DigestSection("Landed on " + main.get(), lines, "", true);
    }

    private DigestSection ci(Optional<String> main, List<Workstream> all) {
        if (!ci.configured()) {
            return DigestSection.quiet("CI", "not configured (ci.github.repo)");
        }
        List<String> branches = new ArrayList<>();
        main.ifPresent(branches::add);
        all.stream().filter(w -> !w.state().finished()).map(Workstream::branch).forEach(branches::add);
        List<DigestLine> lines = new ArrayList<>();
        for (String branch : branches) {
            for (CiSource.FailingRun run : ci.failing(branch)) {
                String jobs = run.jobs().isEmpty() ? "" : " (" + String.join(", ", run.jobs()) + ")";
                lines.add(DigestLine.of(branch + ": " + run.workflow() + " failed" + jobs + " " + run.url(),
                        new Evidence("ci", String.valueOf(run.runId()), run.workflow() + " on " + run.headSha(), run.url())));
            }
        }
        return lines.isEmpty() ? DigestSection.quiet("CI", "no failing runs on " + branches.size() + " branch(es)")
                : new DigestSection("CI failing", lines, "", true);
    }

    private record BenchSection(DigestSection section, Optional<String> worst) {
    }

    private BenchSection bench(Optional<String> main, List<Workstream> all) {
        if (!bench.configured()) {
            return new BenchSection(DigestSection.quiet("Benchmarks", "no benchmark results stored"), Optional.empty());
        }
        List<DigestLine> lines = new ArrayList<>();
        List<BenchSource.BenchChange> regressions = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        main.ifPresent(refs::add);
        all.stream().filter(w -> !w.state().finished()).map(Workstream::branch).forEach(refs::add);
        for (String ref : refs) {
            for (BenchSource.BenchChange c : main.map(m -> bench.changes(m, ref)).orElse(List.of())) {
                if (c.regression()) {
                    regressions.add(c);
                }
                lines.add(DigestLine.of(String.format(Locale.ROOT, "%s on %s: %s (ratio %.2f)", c.series(), ref, c.verdict(),
                        c.ratio()), new Evidence("bench", "rows " + c.rows(), c.series() + " on " + ref, null)));
            }
        }
        Optional<String> worst = regressions.stream().max(Comparator.comparingDouble(BenchSource.BenchChange::magnitude))
                .map(BenchSource.BenchChange::benchmark);
        return new BenchSection(lines.isEmpty() ? DigestSection.quiet("Benchmarks", "all within noise")
                : new DigestSection("Benchmarks", lines, "", true), worst);
    }

    private DigestSection tokens(Instant since) {
        if (tokens == null) {
            return DigestSection.quiet("Token spend", "not recorded");
        }
        TokenLedger.Usage usage = tokens.since(since);
        if (usage.answers() == 0) {
            return DigestSection.quiet("Token spend", "none");
        }
        return new DigestSection("Token spend", List.of(DigestLine.of(String.format(Locale.ROOT,
                "%d answer(s), %d round trip(s): %d input + %d output tokens", usage.answers(), usage.roundTrips(),
                usage.tokens().input(), usage.tokens().output()),
                new Evidence("llm", "llm_token_usage since " + when(since), "token ledger", null))), "", true);
    }

    private static String quietLine(Instant since, List<Workstream> all, DigestSection humans) {
        String waiting = humans.lines().isEmpty() ? "" : "; still needs a human: " + String.join(", ",
                humans.lines().stream().map(l -> l.text().substring(0, l.text().indexOf(':'))).toList());
        return "Nothing new since " + when(since) + " (" + countByState(all) + ")" + waiting + ".";
    }

    static String countByState(List<Workstream> all) {
        if (all.isEmpty()) {
            return "no workstreams";
        }
        Map<WorkstreamState, Integer> counts = new EnumMap<>(WorkstreamState.class);
        all.forEach(w -> counts.merge(w.state(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> parts.add(n + " " + state.label()));
        return all.size() + " workstream(s): " + String.join(", ", parts);
    }

    private static String describe(Instant since, Instant now) {
        long hours = Duration.between(since, now).toHours();
        return "since " + when(since) + (hours > 0 ? " (" + hours + "h)" : "");
    }

    /** Minutes are precise enough for a digest; UTC, like every other time czar prints. */
    static String when(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(at);
    }
}
