package dev.czar.workers;

import dev.czar.config.WorkersConfig;

import java.util.Objects;

import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static dev.czar.workers.WorkstreamStore.set;

/**
 * Acts on the Definition of Done gate's verdicts: DONE, sent back with the failures as the next input (a fix
 * round), FAILED, or waiting for a merge; and gates waiting workstreams again when their branch or main moved.
 */
final class GateVerdicts {
    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final BranchFacts git;
    private final GateRuns gates;
    private final WorkerNotices notices;

    GateVerdicts(WorkersConfig config, WorkstreamStore store, BranchFacts git, GateRuns gates, WorkerNotices notices) {
        this.config = config;
        this.store = store;
        this.git = git;
        this.gates = gates;
        this.notices = notices;
    }

    /** Records the verdicts of gate runs that finished since the last round. */
    void finishGates() {
        for (var finished : gates.collect().entrySet()) {
            Workstream ws = store.find(finished.getKey()).orElseThrow();
            DoneGate.Report report = finished.getValue();
            if (ws.state() != VERIFYING) {
                continue; // killed while the gate ran
            }
            store.gates().save(ws.name(), report.headSha(), report.items());
            if (report.done()) {
                if (store.transition(ws.name(), VERIFYING, DONE, "gate", "Definition of Done met (" + report.tally() + "):\n"
                        + report.render())) {
                    notices.tell(ws, "DONE:\n" + report.render());
                }
            } else if (report.refused()) {
                refuse(ws, report);
            } else {
                store.transition(ws.name(), VERIFYING, VERIFYING, "gate", "verified (" + report.tally()
                        + "); waiting for a merge of " + ws.branch() + ":\n" + report.render());
                notices.tell(ws, "verified, waiting for a merge:\n" + report.render());
            }
        }
    }

    private void refuse(Workstream ws, DoneGate.Report report) {
        if (ws.fixRounds() < config.maxFixRounds()) {
            String feedback = "## czar: your claim of done was refused (fix round " + (ws.fixRounds() + 1) + " of "
                    + config.maxFixRounds() + ")\nFix these Definition of Done items, commit, and exit 0:\n" + report.failures();
            store.transition(ws.name(), VERIFYING, QUEUED, "gate", "done refused, sent back to the worker (fix round "
                            + (ws.fixRounds() + 1) + " of " + config.maxFixRounds() + "): " + report.firstFailure()
                            + "\n" + report.render(),
                    set("next_input", feedback, "fix_rounds", ws.fixRounds() + 1, "attempts", 0, "not_before", null));
            notices.tell(ws, "done refused, sent back:\n" + report.render());
        } else if (store.transition(ws.name(), VERIFYING, FAILED, "gate", "done refused, no fix rounds left"
                + " (workers.max-fix-rounds " + config.maxFixRounds() + "): " + report.firstFailure() + "\n" + report.render())) {
            notices.tell(ws, "FAILED, done refused:\n" + report.render());
        }
    }

    /** VERIFYING workstreams: gate again when the branch or main moved, or the branch was merged, since the last run. */
    void verifyWaiting(String main) {
        String mainSha = git.mainHead(main).orElse(null);
        for (Workstream ws : store.all()) {
            if (ws.state() != VERIFYING || gates.running(ws.name())) {
                continue;
            }
            String head = git.head(ws.branch()).orElse(null);
            // a new head, or a main that moved underneath (it may conflict now), needs a fresh verdict
            boolean moved = !Objects.equals(head, gates.lastHead(ws.name()))
                    || !Objects.equals(mainSha, gates.lastMain(ws.name()));
            boolean merged = head != null && mainSha != null && git.merged(head, main)
                    && !gates.lastDone(ws.name());
            if (moved || merged || gates.ciRecheckDue(ws.name())) {
                gates.start(ws);
            }
        }
    }
}
