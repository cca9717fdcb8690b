package dev.czar.workers;

import dev.czar.chat.EvidenceLog;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers questions about the fleet from the workstreams' recorded state: what everyone is doing, whether one is
 * stuck or really done, what blocks it, which branches will conflict: a renderer over {@link FleetFacts}, the same
 * calls the model's {@link WorkerTools} make. Every workstream mentioned is cited (source {@code worker}) together
 * with its branch head (source {@code git}).
 */
public final class FleetAnswers implements dev.czar.agent.TopicAnswers {
    private static final Pattern FLEET = Pattern.compile(
            "\\b(everyone|everybody|workers?|agents?|fleet|workstreams?|queue|queued|paused|stuck|blocking|blocked|conflicts?"
                    + "|conflicting|waiting|really done|duplicates?)\\b");
    private static final Pattern WAITING = Pattern.compile(
            "\\b(waiting (for|on) (me|us|a human|an answer)|needs? (me|us|a human|an answer|input)|who is waiting)\\b");
    private static final Pattern COST = Pattern.compile("\\b(cost|costs|spent|spend|tokens|usd|dollars?)\\b");
    private static final Pattern CONFLICTS = Pattern.compile("\\b(conflicts?|conflicting|duplicates?|overlap)\\b");
    private static final int MAX_LISTED = 20;

    private final Workers workers;
    private final FleetFacts facts;

    public FleetAnswers(Workers workers) {
        this.workers = workers;
        this.facts = new FleetFacts(workers);
    }

    /** An answer when the question is about workers (or names a workstream); empty to leave it to git answers. */
    @Override
    public Optional<String> answer(String question, EvidenceLog log) {
        List<Workstream> all = facts.all(log);
        String folded = question.toLowerCase(Locale.ROOT);
        if (all.isEmpty()) {
            // a fleet question with no fleet deserves that answer, not a git overview
            return FLEET.matcher(folded).find() ? Optional.of(overview(all, log)) : Optional.empty();
        }
        Optional<Workstream> named = all.stream().filter(ws -> mentions(folded, ws.name())).findFirst();
        if (named.isPresent()) {
            return Optional.of(detail(named.get(), log));
        }
        if (CONFLICTS.matcher(folded).find()) {
            return Optional.of(alerts(log));
        }
        if (COST.matcher(folded).find() && FLEET.matcher(folded).find()) {
            return Optional.of(cost(log));
        }
        if (WAITING.matcher(folded).find()) {
            return Optional.of(waiting(all, log));
        }
        return FLEET.matcher(folded).find() ? Optional.of(overview(all, log)) : Optional.empty();
    }

    /** Every workstream (or the one named) with state, head, reason, gate items and alerts. */
    public String overview(String name, EvidenceLog log) {
        if (name != null) {
            Optional<Workstream> ws = facts.named(name, log);
            return ws.map(w -> detail(w, log)).orElse("There is no workstream named '" + name + "'.");
        }
        return overview(facts.all(log), log);
    }

    private String overview(List<Workstream> all, EvidenceLog log) {
        if (all.isEmpty()) {
            return "No workstreams yet. Start one with: launch <name> <full task text>.";
        }
        StringBuilder out = new StringBuilder(all.size() + " workstream(s)");
        List<PullRequestSource.Entry> prs = workers.pullRequests().entries();
        workers.mainBranch().flatMap(m -> workerHead(m)).ifPresent(sha -> out.append("; main at ").append(DoneGate.shortSha(sha)));
        out.append(':');
        for (Workstream ws : all.stream().limit(MAX_LISTED).toList()) {
            WorkerView view = facts.view(ws, log);
            out.append("\n  ").append(FleetText.stateLine(ws, view.headSha()));
            String why = why(ws, view);
            if (!why.isEmpty()) {
                out.append("\n      ").append(why);
            }
            if (!view.agentLine().isEmpty()) {
                out.append("\n      agent: ").append(view.agentLine());
            }
            prs.stream().filter(pr -> pr.workstream().equals(ws.name())).findFirst().ifPresent(pr -> {
                FleetFacts.cite(pr, log);
                out.append("\n      pull request: ").append(pr.line());
            });
        }
        if (all.size() > MAX_LISTED) {
            out.append("\n  (").append(all.size() - MAX_LISTED).append(" more; ask about one by name.)");
        }
        if (!workers.config().enabled()) {
            out.append("\nNo workers.command is configured, so queued workstreams do not start.");
        }
        List<WorkerAlert> alerts = workers.alerts();
        AlertGroups.lines(alerts).forEach(l -> out.append("\n  alert: ").append(l));
        return out.toString();
    }

    private String detail(Workstream ws, EvidenceLog log) {
        WorkerView view = facts.view(ws, log);
        StringBuilder out = new StringBuilder(FleetText.stateLine(ws, view.headSha()));
        out.append('\n').append(verdict(ws));
        if (!view.progress().isEmpty()) {
            out.append("\n  progress: ").append(view.progress().line());
        }
        String why = why(ws, view);
        if (!why.isEmpty()) {
            out.append("\n  ").append(why);
        }
        if (!view.agentLine().isEmpty()) {
            out.append("\n  agent: ").append(view.agentLine());
        }
        workers.pullRequests().of(ws.name()).ifPresent(pr -> {
            FleetFacts.cite(pr, log);
            out.append("\n  pull request: ").append(pr.line()).append(' ').append(pr.url());
        });
        if (!view.gate().isEmpty()) {
            out.append("\n  Definition of Done (latest gate run):");
            view.gate().forEach(item -> out.append("\n    ").append(FleetText.firstLine(item.line())));
        }
        AlertGroups.lines(view.alerts()).forEach(l -> out.append("\n  alert: ").append(l));
        if (!view.logTail().isBlank()) {
            out.append("\n  last output:").append(("\n" + view.logTail()).replace("\n", "\n    | "));
        }
        out.append("\n  history:");
        Instant now = Instant.now();
        for (WorkstreamEvent e : view.events()) {
            out.append("\n    ").append(FleetText.ago(e.at(), now)).append(' ')
                    .append(e.to() == null ? "note" : (e.from() == null ? "" : e.from() + " -> ") + e.to())
                    .append(" by ").append(e.actor()).append(": ").append(FleetText.firstLine(e.reason()));
        }
        return out.toString();
    }

    /** What the agents reported they used, summed per workstream, per launching user and per day (UTC). */
    private String cost(EvidenceLog log) {
        List<AgentSessions.UsageSum> byWorkstream = facts.usageByWorkstream(log);
        if (byWorkstream.isEmpty()) {
            return "No agent has reported usage yet (plain 'command' workers report none).";
        }
        StringBuilder out = new StringBuilder("Agent usage as the agents reported it (cost only where an agent reports one):");
        for (String grouping : List.of("workstream", "user", "day")) {
            out.append("\n  per ").append(grouping).append(':');
            for (AgentSessions.UsageSum sum : grouping.equals("workstream") ? byWorkstream : workers.agentUsage(grouping)) {
                out.append("\n    ").append(sum.key()).append(": ").append(sum.runs()).append(" run(s), tokens ")
                        .append(sum.inputTokens()).append(" in / ").append(sum.outputTokens()).append(" out")
                        .append(sum.costUsd() == null ? "" : ", $" + sum.costUsd().stripTrailingZeros().toPlainString());
            }
        }
        return out.toString();
    }

    /** The workstreams waiting for a human, each with its question and how to answer. */
    private String waiting(List<Workstream> all, EvidenceLog log) {
        List<Workstream> waiting = all.stream().filter(w -> w.state() == WorkstreamState.NEEDS_INPUT).toList();
        if (waiting.isEmpty()) {
            return "Nobody is waiting for an answer (" + all.size() + " workstream(s)).";
        }
        StringBuilder out = new StringBuilder(waiting.size() + " workstream(s) waiting for an answer:");
        for (Workstream ws : waiting) {
            WorkerView view = facts.view(ws, log);
            out.append("\n  ").append(ws.name()).append(": ")
                    .append(view.question() != null ? view.question() : FleetText.firstLine(ws.reason()))
                    .append("\n      answer with: reply ").append(ws.name()).append(" <answer>");
        }
        return out.toString();
    }

    private static String verdict(Workstream ws) {
        return switch (ws.state()) {
            case DONE -> "It is really done: the Definition of Done gate passed every item, merge included.";
            case VERIFYING -> "It claims done; the Definition of Done gate has not accepted it yet.";
            case STUCK -> "It is stuck: no output, file change or commit for too long.";
            case NEEDS_INPUT -> "It is waiting for a human answer (reply " + ws.name() + " <answer>)"
                    + (ws.holdsProcess() ? "." : "; the answer resumes its agent's session.");
            case RUNNING -> "It is running and not stuck.";
            case PAUSED -> ws.holdsProcess() ? "It is paused: its worker's processes are stopped, it keeps its slot and"
                    + " cannot become stuck (resume " + ws.name() + ")." : "It is paused: held out of the queue (resume "
                    + ws.name() + ").";
            case BLOCKED -> "It is blocked by " + ws.dependsOn() + ".";
            case QUEUED -> "It is waiting for a free worker slot.";
            case FAILED -> "It failed.";
            case KILLED -> "It was killed.";
            case LOST -> "It was lost when its supervisor died.";
        };
    }

    private String why(Workstream ws, WorkerView view) {
        if (ws.state() == WorkstreamState.BLOCKED && ws.dependsOn() != null) {
            String dep = workers.find(ws.dependsOn()).map(d -> d.state().name()).orElse("missing");
            return "blocked by " + ws.dependsOn() + " (" + dep + ")";
        }
        return FleetText.firstLine(ws.reason());
    }

    private String alerts(EvidenceLog log) {
        List<WorkerAlert> alerts = facts.alerts(log);
        List<Workstream> open = workers.all().stream().filter(w -> !w.state().finished()).toList();
        if (alerts.isEmpty()) {
            return "No predicted conflicts or duplicate work among " + open.size() + " open workstream(s)"
                    + " (in-core merges of every active branch with main and with each other).";
        }
        StringBuilder out = new StringBuilder("Predicted from in-core merges and task/file overlap:");
        for (WorkerAlert a : alerts) {
            out.append("\n  ").append(a.line());
        }
        return out.toString();
    }

    private Optional<String> workerHead(String branch) {
        return workers.headOf(branch);
    }

    private static boolean mentions(String folded, String name) {
        return Pattern.compile("(^|[^a-z0-9._-])" + Pattern.quote(name) + "($|[^a-z0-9_-])").matcher(folded).find();
    }
}
