package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import dev.czar.workers.agents.CommandAdapter;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * An operator's actions on one workstream: kill, retry, pause, resume, reply, merge and reprioritise. Each only
 * changes rows (the supervisor holding the worker acts on them) and returns a {@link WorkerAction}.
 */
final class WorkerControls {
    private static final Set<WorkstreamState> RETRYABLE =
            EnumSet.of(WorkstreamState.FAILED, WorkstreamState.KILLED, WorkstreamState.LOST);

    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final Pauses pauses;
    private final ConfirmedMerge merges;
    /** The agent a workstream runs, which decides how an answer reaches it. */
    private final Function<String, String> agentOf;

    WorkerControls(WorkersConfig config, WorkstreamStore store, Pauses pauses, ConfirmedMerge merges,
                   Function<String, String> agentOf) {
        this.config = config;
        this.store = store;
        this.pauses = pauses;
        this.merges = merges;
        this.agentOf = agentOf;
    }

    WorkerAction kill(String name, String user) {
        Workstream ws = require(name);
        if (ws.state().finished()) {
            return WorkerAction.unchanged(ws, name + " is already " + ws.state().label() + "; nothing to kill.");
        }
        if (!store.transition(name, ws.state(), WorkstreamState.KILLED, user, "killed by " + user)) {
            return WorkerAction.raced(ws);
        }
        String process = !ws.holdsProcess() ? "" : config.backend().equals("kubernetes")
                ? " The supervisor deletes its worker's Job on its next round."
                : " The supervisor ends its worker's whole process group on its next round.";
        return WorkerAction.changed(ws, WorkstreamState.KILLED, "Killed " + name + " (was " + ws.state().label() + ")."
                + process + " Branch " + ws.branch() + " is kept.");
    }

    WorkerAction retry(String name, String user) {
        Workstream ws = require(name);
        if (!RETRYABLE.contains(ws.state())) {
            return WorkerAction.unchanged(ws, name + " is " + ws.state().label()
                    + "; only failed, killed or lost workstreams can be retried.");
        }
        boolean moved = store.transition(name, ws.state(), WorkstreamState.QUEUED, user, "retry asked by " + user,
                WorkstreamStore.set("attempts", 0, "fix_rounds", 0, "not_before", null, "next_input", null));
        return moved ? WorkerAction.changed(ws, WorkstreamState.QUEUED, "Re-queued " + name + " (was "
                + ws.state().label() + ").") : WorkerAction.raced(ws);
    }

    WorkerAction pause(String name, String user) {
        return pauses.pause(require(name), user);
    }

    WorkerAction resume(String name, String user) {
        return pauses.resume(require(name), user);
    }

    WorkerAction reply(String name, String text, String user) {
        Workstream ws = require(name);
        if (text == null || text.isBlank()) {
            throw new WorkerException("the answer is empty: reply " + name + " <answer>");
        }
        if (!ws.state().active() && ws.state() != WorkstreamState.QUEUED && !ws.holdsProcess()) {
            return WorkerAction.unchanged(ws, name + " is " + ws.state().label() + "; there is no worker to answer.");
        }
        store.inputs().add(name, text.strip(), user);
        String where = agentOf.apply(name).equals(CommandAdapter.NAME) ? " queued for its stdin"
                : " queued; its agent session resumes with it";
        return WorkerAction.changed(ws, ws.state(), "Answer for " + name + where + (ws.state() == WorkstreamState.NEEDS_INPUT
                ? " (it asked: " + ws.reason().replaceFirst("^asks: ", "") + ")" : "") + ".");
    }

    WorkerAction merge(String name, String user) {
        return merges.merge(require(name), user);
    }

    WorkerAction reprioritise(String name, int priority, String user) {
        Workstream ws = require(name);
        store.setFacts(name, WorkstreamStore.set("priority", priority));
        store.note(name, user, "priority " + ws.priority() + " -> " + priority);
        return WorkerAction.changed(ws, ws.state(), name + " now has priority " + priority + ".");
    }

    Workstream require(String name) {
        return store.find(name).orElseThrow(() -> new WorkerException("no workstream named '" + name + "'"
                + " (see 'czar workers')"));
    }
}
