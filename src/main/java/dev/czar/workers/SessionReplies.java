package dev.czar.workers;

import java.util.List;
import java.util.stream.Collectors;

import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamStore.set;

/**
 * Answers for agents waiting without a process (their turn ended with a question): the answer becomes the message
 * of the next turn, which resumes the same session as soon as a slot is free.
 */
final class SessionReplies {
    private final WorkstreamStore store;

    SessionReplies(WorkstreamStore store) {
        this.store = store;
    }

    void resumeAnswered() {
        for (Workstream ws : store.all()) {
            if (ws.state() != NEEDS_INPUT || ws.holdsProcess()) {
                continue;
            }
            List<WorkerInputs.PendingInput> answers = store.inputs().pending(ws.name());
            if (answers.isEmpty()) {
                continue;
            }
            String text = answers.stream().map(WorkerInputs.PendingInput::text).collect(Collectors.joining("\n\n"));
            String from = answers.get(answers.size() - 1).fromUser();
            if (store.transition(ws.name(), NEEDS_INPUT, QUEUED, from, "answered: " + text
                            + "; its session resumes with the answer when a slot is free",
                    set("next_input", text, "attempts", 0, "not_before", null, "owner", null))) {
                answers.forEach(a -> store.inputs().markDelivered(a.id()));
            }
        }
    }
}
