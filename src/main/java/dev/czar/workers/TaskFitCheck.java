package dev.czar.workers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Task fit of a live workstream's branch (issue 24), for the fleet checks (a "did the wrong task?" alert when its
 * branch moves) and for the Definition of Done ({@code task-fit}: FAIL when drifting, SKIP when unclear).
 */
final class TaskFitCheck {
    private static final int MAX_MESSAGES = 20;
    private final TaskFit fit;
    private final WorkstreamStore store;
    private final BranchFacts git;
    /**
     * With an llm configured, the gate's verdicts combine with the model's reading (issue 24; the fleet checks stay
     * offline: cheap); null: embeddings and words only.
     */
    private final ModelTaskFit model;

    TaskFitCheck(TaskFit fit, WorkstreamStore store, BranchFacts git, ModelTaskFit model) {
        this.fit = fit;
        this.store = store;
        this.git = git;
        this.model = model;
    }

    /** The verdict for the branch between base and head, against its own task and every other live task. */
    Optional<TaskFit.Result> judge(Workstream ws, String base, String head) {
        if (!fit.available() || base == null || head == null || base.equals(head)) {
            return Optional.empty();
        }
        ChangeSummary change = ChangeSummary.ofBranch(git, base, head, MAX_MESSAGES);
        if (change.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> others = new LinkedHashMap<>();
        for (Workstream other : store.all()) {
            if (!other.name().equals(ws.name()) && !other.state().finished()) {
                others.put(other.name(), other.task());
            }
        }
        return Optional.of(fit.judge(change, ws.task(), others));
    }

    /**
     * The gate item; its FAIL text goes back to the worker, so it quotes the task it should be doing.
     *
     * @param merged whether a human already merged the head: an unclear verdict is then theirs to have made
     */
    GateItem gateItem(Workstream ws, String base, String head, boolean merged) {
        if (!fit.available()) {
            return new GateItem("task-fit", GateItem.Status.SKIP, "not judged: understanding.embeddings is off");
        }
        Optional<TaskFit.Result> result = judge(ws, base, head);
        if (result.isEmpty()) {
            return new GateItem("task-fit", GateItem.Status.SKIP, "no changes to judge");
        }
        TaskFit.Result r = result.get();
        TaskFit.Verdict verdict = r.verdict();
        String evidence = r.evidence();
        ModelTaskFit reader = model;
        if (reader != null) { // issue 24: the model's requirements, with citations checked against the diff
            ModelTaskFit.Reading reading = reader.read(ws.task(), ChangeSummary.ofBranch(git, base, head, MAX_MESSAGES));
            verdict = ModelTaskFit.combine(verdict, reading);
            evidence += "; " + String.join("; ", ModelTaskFit.evidence(reading));
        }
        return switch (verdict) {
            case DRIFTING -> GateItem.fail("task-fit", "drifting: " + evidence + ". Your task is: \""
                    + clip(ws.task()) + "\"; do that task" + (r.best() == null ? "" : ", not " + r.best() + "'s"));
            case UNCLEAR -> merged ? GateItem.pass("task-fit", "unclear: " + evidence + "; released by the merge (a"
                    + " human's decision)") : new GateItem("task-fit", GateItem.Status.WAIT, "unclear: " + evidence
                    + "; a human decides: check the branch ('czar fit " + ws.branch() + " --task-file TASK.md') and merge"
                    + " it if it does its task (the merge releases this wait), or kill the workstream");
            case ON_TASK -> GateItem.pass("task-fit", "on task: " + evidence + covered(ws, base, head));
        };
    }

    /** For a task written as a list: which of its requirements the branch touches ("; 3 of 5 requirements ..."). */
    private String covered(Workstream ws, String base, String head) {
        if (TaskRequirements.of(ws.task()).isEmpty()) {
            return "";
        }
        return "; " + RequirementProgress.of(ws.task(), ChangeSummary.ofBranch(git, base, head, MAX_MESSAGES), fit.lexical())
                .line();
    }

    private static String clip(String task) {
        String line = task.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
