package dev.czar.workers;

import dev.czar.chat.Evidence;
import dev.czar.config.WorkersConfig;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Definition of Done's last item done by czar ({@code workers.unsafe.auto-merge}): after an operator confirmed,
 * merges a workstream's branch into main, but only when its latest gate report passed every item except the merge,
 * and the branch head is still the one that gate checked. The gate then runs again, sees the merge and marks the
 * workstream DONE.
 */
final class ConfirmedMerge {
    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final BranchFacts git;
    private final Supplier<Optional<String>> mainBranch;
    private final BranchMerger merger;
    private final Clock clock;
    /** Merges through the pull request instead of writing a local merge commit (issue 19); null: locally. */
    private final RemoteMerge remote;

    ConfirmedMerge(WorkersConfig config, WorkstreamStore store, BranchFacts git, Supplier<Optional<String>> mainBranch,
                   Repository repo, Clock clock, RemoteMerge remote) {
        this.config = config;
        this.store = store;
        this.git = git;
        this.mainBranch = mainBranch;
        this.merger = new BranchMerger(repo);
        this.clock = clock;
        this.remote = remote;
    }

    /**
     * Merges {@code ws}'s branch into main for {@code user}: what was merged, with the merge commit when czar wrote it.
     *
     * @throws WorkerException with the one-line reason when it may not or cannot merge; nothing changes then
     */
    WorkerAction merge(Workstream ws, String user) {
        if (!config.unsafe().autoMerge()) {
            throw new WorkerException("czar does not merge: workers.unsafe.auto-merge is off in config/czar.yaml; merge "
                    + ws.branch() + " yourself");
        }
        if (ws.state() != WorkstreamState.VERIFYING) {
            throw new WorkerException(ws.name() + " is " + ws.state().label() + "; czar merges only a workstream that"
                    + " passed every other Definition of Done item and waits for its merge");
        }
        String gateHead = requireGatePassed(ws);
        String head = git.head(ws.branch()).orElseThrow(() -> new WorkerException(ws.branch() + " does not exist"));
        if (!head.equals(gateHead)) {
            throw new WorkerException(ws.branch() + " moved to " + DoneGate.shortSha(head) + " after the gate checked "
                    + DoneGate.shortSha(gateHead) + "; wait for the gate to check the new head, then merge");
        }
        if (remote != null) {
            String line = remote.merge(ws, head, user);
            store.transition(ws.name(), WorkstreamState.VERIFYING, WorkstreamState.DONE, user, line);
            return WorkerAction.changed(ws, WorkstreamState.DONE, "Merged " + ws.name() + ": " + line + ". DONE.");
        }
        String main = mainBranch.get().orElseThrow(() -> new WorkerException("no main branch to merge into"));
        PersonIdent czar = new PersonIdent("czar", "czar@localhost", clock.instant(), ZoneOffset.UTC);
        BranchMerger.Merged merged = merger.merge(ws.branch(), head, main, czar, "Merge branch '" + ws.branch()
                + "' into " + main + "\n\nMerged by czar for workstream " + ws.name() + " after its Definition of Done"
                + " passed at " + DoneGate.shortSha(head) + "; confirmed by " + user + ".\n");
        String line = "merged " + ws.branch() + " (head " + DoneGate.shortSha(head) + ") into " + main + " as "
                + DoneGate.shortSha(merged.mergeSha()) + " (parents " + DoneGate.shortSha(merged.mainBefore()) + " and "
                + DoneGate.shortSha(merged.branchHead()) + "), confirmed by " + user;
        store.note(ws.name(), user, line);
        return WorkerAction.changed(ws, ws.state(), "Merged " + ws.name() + ": " + line
                + ". The gate checks it once more and marks it DONE.").citing(Evidence.git(merged.mergeSha(),
                "merge of " + ws.branch() + " into " + main));
    }

    /**
     * The head the latest gate report checked, when every item but the merge passed (or was skipped); an unclear
     * task fit (WAIT) is left to the human confirming the merge.
     */
    private String requireGatePassed(Workstream ws) {
        List<GateItem> items = store.gates().latest(ws.name());
        if (items.isEmpty()) {
            throw new WorkerException(ws.name() + " has no gate report yet; wait for the Definition of Done check");
        }
        for (GateItem item : items) {
            boolean passed = item.status() == GateItem.Status.PASS || item.status() == GateItem.Status.SKIP;
            // issue 24: an unclear task fit waits for a human; the one confirming this merge is that human
            boolean humansCall = item.item().equals("task-fit") && item.status() == GateItem.Status.WAIT;
            if (!item.item().equals("merged") && !passed && !humansCall) {
                throw new WorkerException("not every Definition of Done item passed: " + FleetText.firstLine(item.line()));
            }
        }
        return store.gates().latestHead(ws.name()).orElseThrow(() ->
                new WorkerException(ws.name() + "'s gate report names no branch head; wait for the next check"));
    }
}
