package dev.czar.workers;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;

import java.util.List;
import java.util.Optional;

/**
 * The fleet facts answers rest on, each read through the answer's {@link EvidenceLog} under one call name and cited:
 * a workstream as source {@code worker} ({@code name@head}) with its branch head as source {@code git}. The offline
 * {@link FleetAnswers} and the model's {@link WorkerTools} render these same calls (issue 22: one service per topic).
 */
final class FleetFacts {
    private final Workers workers;

    FleetFacts(Workers workers) {
        this.workers = workers;
    }

    /** Every workstream ({@code workers.list}); the caller cites those it shows through {@link #view}. */
    List<Workstream> all(EvidenceLog log) {
        return log.call("workers.list", workers::all);
    }

    /** The workstream named exactly {@code name}, looked up in {@link #all}. */
    Optional<Workstream> named(String name, EvidenceLog log) {
        return all(log).stream().filter(ws -> ws.name().equals(name)).findFirst();
    }

    /** One workstream's state, head, gate, alerts and output ({@code workers.view}), cited. */
    WorkerView view(Workstream ws, EvidenceLog log) {
        WorkerView view = log.call("workers.view", () -> workers.view(ws));
        cite(view, log);
        return view;
    }

    /** Predicted conflicts and duplicate work ({@code workers.alerts}), each pair's workstreams cited. */
    List<WorkerAlert> alerts(EvidenceLog log) {
        List<WorkerAlert> alerts = log.call("workers.alerts", workers::alerts);
        for (WorkerAlert a : alerts) {
            for (String name : List.of(a.a(), a.b())) {
                workers.find(name).ifPresent(ws -> cite(workers.view(ws), log));
            }
        }
        return alerts;
    }

    /** Agent usage summed per workstream ({@code workers.usage}), each workstream cited. */
    List<AgentSessions.UsageSum> usageByWorkstream(EvidenceLog log) {
        List<AgentSessions.UsageSum> sums = log.call("workers.usage", () -> workers.agentUsage("workstream"));
        sums.forEach(sum -> log.cite(new Evidence("worker", sum.key(), "agent usage: " + sum.runs() + " run(s)", null)));
        return sums;
    }

    /** The pull request of each workstream that has one, cited when an answer shows it. */
    static void cite(PullRequestSource.Entry pr, EvidenceLog log) {
        log.cite(pr.evidence());
    }

    private static void cite(WorkerView view, EvidenceLog log) {
        Workstream ws = view.workstream();
        log.cite(new Evidence("worker", ws.name() + (view.headSha() == null ? "" : "@" + view.headSha()),
                ws.state().name() + " on " + ws.branch() + ", attempt " + ws.attempts(), null));
        if (view.headSha() != null) {
            log.cite(Evidence.git(view.headSha(), "head of " + ws.branch()));
        }
    }
}
