package dev.czar.workers;

import dev.czar.chat.Evidence;

import java.util.List;

/**
 * What an operator's action on one workstream did (kill, retry, pause, resume, reply, merge, reprioritise), for each
 * front door to render: chat and the CLI print {@link #line()}; a caller that needs to know whether anything changed
 * reads {@link #outcome()} and the states rather than parsing the words.
 *
 * @param workstream the workstream acted on
 * @param outcome    whether it changed
 * @param before     its state when the action was asked for
 * @param after      its state afterwards (the same as {@code before} unless the action moved it)
 * @param line       the one-line answer for the user
 * @param evidence   what the action produced that can be checked (a merge commit); empty when nothing
 */
public record WorkerAction(String workstream, Outcome outcome, WorkstreamState before, WorkstreamState after, String line,
                           List<Evidence> evidence) {
    /** How the action ended. */
    public enum Outcome {
        /** Done: the row changed (a state, a queued answer, a priority, a merge). */
        CHANGED,
        /** Nothing to do in the workstream's state; nothing changed and the line says why. */
        UNCHANGED,
        /** Another process changed the workstream between reading and writing it; nothing changed, try again. */
        RACED
    }

    public WorkerAction {
        evidence = List.copyOf(evidence);
    }

    static WorkerAction changed(Workstream ws, WorkstreamState after, String line) {
        return new WorkerAction(ws.name(), Outcome.CHANGED, ws.state(), after, line, List.of());
    }

    static WorkerAction unchanged(Workstream ws, String line) {
        return new WorkerAction(ws.name(), Outcome.UNCHANGED, ws.state(), ws.state(), line, List.of());
    }

    static WorkerAction raced(Workstream ws) {
        return new WorkerAction(ws.name(), Outcome.RACED, ws.state(), ws.state(), ws.name()
                + " changed state just now; try again.", List.of());
    }

    /** The same action with {@code cited} as its evidence. */
    WorkerAction citing(Evidence cited) {
        return new WorkerAction(workstream, outcome, before, after, line, List.of(cited));
    }

    public boolean changed() {
        return outcome == Outcome.CHANGED;
    }
}
