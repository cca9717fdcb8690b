package dev.czar.workers;

import dev.czar.store.AuditLog;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamStore.set;

/**
 * {@code workers.auto-redirect} (issue 24): when a worker's task fit turns drifting, czar tells it, once per drift
 * episode, what its task is and what its branch is changing instead. The correction travels like an operator's
 * answer: onto the stdin of a worker that reads it ({@code command}), or as the next turn of its agent session
 * (a running turn is ended and its session resumed with the correction; a waiting session resumes with it).
 * An episode ends when a later judgement of the branch is no longer drifting.
 */
final class CourseCorrections {
    static final String ACTOR = "czar";
    private final WorkstreamStore store;
    private final AuditLog audit;
    /** Whether the workstream's agent keeps a session (resumed with a message) rather than reading stdin. */
    private final Predicate<String> sessions;
    private final Set<String> drifting = ConcurrentHashMap.newKeySet();

    CourseCorrections(WorkstreamStore store, AuditLog audit, Predicate<String> sessions) {
        this.store = store;
        this.audit = audit;
        this.sessions = sessions;
    }

    /** A verdict on the workstream's moved branch: the first drifting verdict of an episode sends the correction. */
    void judged(Workstream ws, TaskFit.Result result, List<String> files, String otherTask) {
        if (result.verdict() != TaskFit.Verdict.DRIFTING) {
            drifting.remove(ws.name());
            return;
        }
        if (drifting.add(ws.name())) {
            send(ws, text(ws, result, files, otherTask));
        }
    }

    /** Forgets episodes of workstreams that are no longer live. */
    void keepOnly(Set<String> live) {
        drifting.retainAll(live);
    }

    /** The correction: the task quoted, then what the branch does instead, with its paths. */
    static String text(Workstream ws, TaskFit.Result result, List<String> files, String otherTask) {
        String instead = result.best() == null ? "it touches nothing your task is about"
                : "it looks like " + result.best() + "'s task instead: \"" + clip(otherTask) + "\"";
        String paths = files.isEmpty() ? "" : " (changed: " + String.join(", ", files.stream().limit(10).toList())
                + (files.size() > 10 ? ", ..." : "") + ")";
        return "czar course correction (workers.auto-redirect): your task is: \"" + clip(ws.task()) + "\". Your branch "
                + ws.branch() + paths + " is drifting: " + instead + ". Stop that work and do your own task"
                + (result.best() == null ? "." : "; leave " + result.best() + "'s task to " + result.best() + ".");
    }

    private void send(Workstream ws, String correction) {
        String how;
        if (sessions.test(ws.name()) && ws.state() == RUNNING && ws.holdsProcess()) {
            // an agent session takes no input mid-turn: end the turn, resume the session with the correction
            boolean moved = store.transition(ws.name(), RUNNING, QUEUED, ACTOR, "course correction: its turn is"
                            + " ended and its session resumes with: " + correction,
                    set("next_input", correction, "pid", null, "owner", null, "not_before", null));
            how = moved ? "session resumed with it" : null;
        } else if (ws.holdsProcess() || ws.state() == WorkstreamState.NEEDS_INPUT) {
            store.inputs().add(ws.name(), correction, ACTOR);
            store.note(ws.name(), ACTOR, "course correction queued as its next input: " + correction);
            how = sessions.test(ws.name()) ? "queued for its session" : "queued for its stdin";
        } else {
            how = null;
        }
        if (how == null) {
            store.note(ws.name(), ACTOR, "course correction not sent: it is " + ws.state().label());
        }
        audit.record(ACTOR, "workers", "auto-redirect", ws.name(), how == null ? "skipped" : "sent",
                how == null ? ws.state().label() : how + ": " + correction);
    }

    private static String clip(String task) {
        String line = task == null ? "" : task.strip().replaceAll("\\s+", " ");
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }
}
