package dev.czar.web;

import dev.czar.digest.BenchSource;
import dev.czar.digest.CiSource;
import dev.czar.evidence.git.BranchStatus;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.store.AuditLog;
import dev.czar.store.AuditVerification;
import dev.czar.workers.AlertGroups;
import dev.czar.workers.GateItem;
import dev.czar.workers.PullRequestSource;
import dev.czar.workers.WorkerAlert;
import dev.czar.workers.Workers;
import dev.czar.workers.WorkerView;
import dev.czar.workers.Workstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders the dashboard's fragments as server-side HTML from the same services the answers and digests read:
 * the fleet table, the conflict matrix, CI per branch, benchmark charts and the recent audit log.
 */
final class DashboardView {
    static final List<String> FRAGMENTS = List.of("integrity", "fleet", "conflicts", "ci", "bench", "audit");
    /** CI status comes from GitHub, whose rate limit a page refreshing every few seconds would soon use up. */
    static final Duration CI_FRESH_FOR = Duration.ofSeconds(60);
    /** Walking the audit chain takes ~0.4 s per 100,000 rows: once a minute, not on every refresh of every viewer. */
    static final Duration AUDIT_VERIFIED_FOR = Duration.ofSeconds(60);

    private final Workers workers;
    private final GitEvidence git;
    private final CiSource ci;
    private final BenchSource bench;
    private final AuditLog audit;
    private final Clock clock;
    private String ciHtml;
    private Instant ciAt;
    private AuditVerification verdict;
    private Instant verdictAt;

    DashboardView(Workers workers, GitEvidence git, CiSource ci, BenchSource bench, AuditLog audit, Clock clock) {
        this.workers = workers;
        this.git = git;
        this.ci = ci;
        this.bench = bench;
        this.audit = audit;
        this.clock = clock;
    }

    Optional<String> fragment(String name) {
        return switch (name) {
            case "integrity" -> Optional.of(integrity());
            case "fleet" -> Optional.of(fleet());
            case "conflicts" -> Optional.of(conflicts());
            case "ci" -> Optional.of(ci());
            case "bench" -> Optional.of(bench());
            case "audit" -> Optional.of(audit());
            default -> Optional.empty();
        };
    }

    Optional<byte[]> chart(String benchmark) {
        return bench.benchmarks().contains(benchmark) ? bench.chart(benchmark) : Optional.empty();
    }

    String fleet() {
        List<Workstream> all = workers.all();
        if (all.isEmpty()) {
            return "<p class=\"quiet\">No workstreams yet.</p>";
        }
        StringBuilder out = new StringBuilder("<table id=\"fleet-table\"><thead><tr><th>Workstream</th><th>State</th>"
                + "<th>Branch</th><th>Ahead / behind</th><th>Last activity</th><th>Gate</th><th>Pull request</th><th>Why</th><th>Agent</th>"
                + "</tr></thead><tbody>");
        List<PullRequestSource.Entry> prs = workers.pullRequests().entries();
        Instant now = clock.instant();
        java.util.Map<String, dev.czar.workers.AgentSessions.AgentSession> agents = workers.agentSessions();
        for (Workstream ws : all) {
            out.append("<tr data-workstream=\"").append(Html.text(ws.name())).append("\"><td>").append(Html.text(ws.name()))
                    .append("</td><td class=\"state ").append(ws.state().label()).append("\">").append(ws.state().name())
                    .append("</td><td>").append(Html.text(ws.branch())).append("</td><td>").append(aheadBehind(ws.branch()))
                    .append("</td><td>").append(ago(ws.updatedAt(), now)).append("</td><td>").append(gate(ws))
                    .append("</td><td class=\"pr\">").append(pullRequest(prs, ws.name()))
                    .append("</td><td>").append(Html.text(firstLine(ws.reason()))).append(progress(ws))
                    .append("</td><td class=\"agent\">").append(Html.text(WorkerView.agentLine(agents.get(ws.name()))))
                    .append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** Issue 24: "3 of 5 requirements touched: ..." under the reason, for tasks written as a list. */
    private String progress(Workstream ws) {
        String line = workers.progress(ws).line();
        return line.isEmpty() ? "" : "<div class=\"progress\">" + Html.text(line) + "</div>";
    }

    /** {@code #57} linked to GitHub, its state, review and checks; a dash before czar opened one. */
    private static String pullRequest(List<PullRequestSource.Entry> prs, String workstream) {
        return prs.stream().filter(pr -> pr.workstream().equals(workstream)).findFirst().map(pr -> {
            String href = pr.url() != null && pr.url().startsWith("https://") ? pr.url() : null;
            String number = "#" + pr.number();
            return (href == null ? Html.text(number) : "<a href=\"" + Html.text(href) + "\">" + Html.text(number) + "</a>")
                    + " " + Html.text(pr.state()) + (pr.review() == null ? "" : ", " + Html.text(pr.review().replace('_', ' ')))
                    + " <span class=\"checks " + Html.text(pr.checks()) + "\">checks " + Html.text(pr.checks()) + "</span>";
        }).orElse("<span class=\"quiet\">none</span>");
    }

    private String aheadBehind(String branch) {
        try {
            if (git.find(branch).isEmpty()) {
                return "no branch yet";
            }
            BranchStatus s = git.status(branch);
            return "+" + s.ahead() + " / -" + s.behind() + (s.merged() ? " (merged)" : "");
        } catch (RuntimeException e) {
            return "?"; // no main branch yet, or the branch vanished between listing and reading
        }
    }

    private String gate(Workstream ws) {
        List<GateItem> items = workers.history().latestGate(ws.name());
        if (items.isEmpty()) {
            return "<span class=\"quiet\">not run</span>";
        }
        StringBuilder out = new StringBuilder();
        for (GateItem item : items) {
            out.append("<span class=\"gate ").append(item.status().name().toLowerCase(Locale.ROOT)).append("\" title=\"")
                    .append(Html.text(item.evidence())).append("\">").append(Html.text(item.item())).append(' ')
                    .append(item.status().name()).append("</span> ");
        }
        return out.toString().strip();
    }

    String conflicts() {
        List<String> names = new ArrayList<>();
        workers.mainBranch().ifPresent(names::add);
        workers.all().stream().filter(w -> !w.state().finished()).map(Workstream::name).forEach(names::add);
        List<WorkerAlert> alerts = workers.alerts();
        StringBuilder out = new StringBuilder("<table id=\"conflict-matrix\"><thead><tr><th></th>");
        names.forEach(n -> out.append("<th>").append(Html.text(n)).append("</th>"));
        out.append("</tr></thead><tbody>");
        for (String row : names) {
            out.append("<tr><th>").append(Html.text(row)).append("</th>");
            for (String col : names) {
                Optional<WorkerAlert> hit = row.equals(col) ? Optional.empty() : alerts.stream()
                        .filter(a -> a.a().equals(row) && a.b().equals(col) || a.a().equals(col) && a.b().equals(row)).findFirst();
                out.append(hit.map(a -> "<td class=\"" + a.kind() + "\" title=\"" + Html.text(a.detail()) + "\">" + a.kind() + "</td>")
                        .orElse(row.equals(col) ? "<td class=\"self\"></td>" : "<td class=\"clear\">ok</td>"));
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        AlertGroups.lines(alerts).forEach(l -> out.append("<p class=\"alert\">").append(Html.text(l)).append("</p>"));
        return out.toString();
    }

    synchronized String ci() {
        Instant now = clock.instant();
        if (ciHtml == null || !now.isBefore(ciAt.plus(CI_FRESH_FOR))) {
            ciHtml = ciNow();
            ciAt = now;
        }
        return ciHtml;
    }

    private String ciNow() {
        if (!ci.configured()) {
            return "<p class=\"quiet\">CI is not configured (set ci.github.repo).</p>";
        }
        List<String> branches = new ArrayList<>();
        workers.mainBranch().ifPresent(branches::add);
        workers.all().stream().filter(w -> !w.state().finished()).map(Workstream::branch).forEach(branches::add);
        StringBuilder out = new StringBuilder("<table id=\"ci-table\"><thead><tr><th>Branch</th><th>CI</th></tr></thead><tbody>");
        for (String branch : branches) {
            List<CiSource.FailingRun> failing = ci.failing(branch);
            out.append("<tr><td>").append(Html.text(branch)).append("</td><td>");
            if (failing.isEmpty()) {
                out.append("<span class=\"clear\">no failing runs</span>");
            }
            for (CiSource.FailingRun run : failing) {
                out.append("<a class=\"failed\" href=\"").append(Html.text(run.url())).append("\">")
                        .append(Html.text(run.workflow())).append(" failed</a> ");
            }
            out.append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    String bench() {
        List<String> benchmarks = bench.benchmarks();
        if (benchmarks.isEmpty()) {
            return "<p class=\"quiet\">No benchmark results stored (czar bench import FILE).</p>";
        }
        StringBuilder out = new StringBuilder();
        for (String b : benchmarks) {
            // data-loaded records the drawn width once the PNG decoded, so a browser test can tell a chart from a broken image
            out.append("<figure><img class=\"trend\" onload=\"this.dataset.loaded=this.naturalWidth\" alt=\"")
                    .append(Html.text(b)).append(" trend\" src=\"chart/")
                    .append(Html.segment(b)).append(".png\"><figcaption>").append(Html.text(b)).append("</figcaption></figure>");
        }
        return out.toString();
    }

    /** A banner when the audit chain is broken (the rows shown below may be forged); a quiet line when it holds. */
    String integrity() {
        AuditVerification result = verdict();
        return result.intact()
                ? "<p class=\"quiet\">" + Html.text(result.line()) + "</p>"
                : "<p class=\"alert tampered\" role=\"alert\"><strong>Warning: the audit log was tampered with.</strong> "
                        + Html.text(result.line()) + ". Rows shown may be forged; run <code>czar audit verify</code>.</p>";
    }

    private synchronized AuditVerification verdict() {
        Instant now = clock.instant();
        if (verdict == null || !now.isBefore(verdictAt.plus(AUDIT_VERIFIED_FOR))) {
            verdict = audit.verify();
            verdictAt = now;
        }
        return verdict;
    }

    String audit() {
        List<AuditLog.Entry> entries = audit.recent(20);
        String warning = verdict().intact() ? "" : integrity();
        if (entries.isEmpty()) {
            return warning + "<p class=\"quiet\">No commands yet.</p>";
        }
        StringBuilder out = new StringBuilder(warning).append("<table id=\"audit-table\"><thead><tr><th>When</th><th>Who</th><th>Command</th>"
                + "<th>Outcome</th></tr></thead><tbody>");
        for (AuditLog.Entry e : entries) {
            out.append("<tr><td>").append(Html.text(e.at())).append("</td><td>").append(Html.text(e.user())).append("</td><td>")
                    .append(Html.text(e.command() + (e.arguments() == null || e.arguments().isBlank() ? "" : " " + e.arguments())))
                    .append("</td><td>").append(Html.text(e.outcome())).append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    private static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        return s < 120 ? s + "s ago" : s < 7200 ? s / 60 + "m ago" : s / 3600 + "h ago";
    }

    private static String firstLine(String text) {
        String first = text == null ? "" : text.strip().lines().findFirst().orElse("").replaceFirst(":$", "");
        return first.length() <= 120 ? first : first.substring(0, 117) + "...";
    }
}
