package dev.czar.workers;

import dev.czar.config.WorkersConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Definition of Done. A worker's claim (exit 0) only starts it; each item is decided from evidence and
 * reported with it: commits on the branch, the verify command, CI, conflicts with main, substance (not only
 * tests or stubs when the task asks for an implementation), and the merge into main.
 */
public final class DoneGate {
    private final BranchFacts git;
    private final VerifyCommand verify;
    private final boolean autoMerge;
    private final CiGate.Check ci;
    private final ReviewGate.Check review;
    /** Pushes branches and keeps their pull requests up to date around each gate run (issue 19). */
    private final BranchPublisher publisher;
    /** Issue 24: the task-fit item (null: no such item). */
    private final TaskFitCheck fit;

    DoneGate(BranchFacts git, VerifyCommand verify, WorkersConfig config, WorkersWiring wiring, TaskFitCheck fit) {
        this.git = git;
        this.verify = verify;
        this.autoMerge = config.unsafe().autoMerge();
        this.ci = wiring.ci();
        this.review = wiring.review();
        this.publisher = wiring.publisher();
        this.fit = fit;
    }

    BranchPublisher publisher() {
        return publisher;
    }

    /** The decision: the items, the head they were checked at, and what it means for the workstream. */
    public record Report(String headSha, List<GateItem> items) {
        public boolean refused() {
            return items.stream().anyMatch(i -> i.status() == GateItem.Status.FAIL);
        }

        /** Every item passed except the merge, which needs a human (or a confirmed auto-merge). */
        public boolean awaitingMerge() {
            return !refused() && items.stream().anyMatch(i -> i.status() == GateItem.Status.WAIT);
        }

        public boolean done() {
            return !refused() && !awaitingMerge();
        }

        public String failures() {
            return items.stream().filter(i -> i.status() == GateItem.Status.FAIL).map(GateItem::line)
                    .collect(Collectors.joining("\n"));
        }

        public String firstFailure() {
            return items.stream().filter(i -> i.status() == GateItem.Status.FAIL).findFirst()
                    .map(i -> FleetText.firstLine(i.line())).orElse("");
        }

        /** e.g. "5 passed, 1 skipped". */
        public String tally() {
            java.util.Map<GateItem.Status, Long> counts = new java.util.EnumMap<>(GateItem.Status.class);
            items.forEach(i -> counts.merge(i.status(), 1L, Long::sum));
            return counts.entrySet().stream().map(e -> e.getValue() + " " + switch (e.getKey()) {
                case PASS -> "passed";
                case FAIL -> "failed";
                case SKIP -> "skipped";
                case WAIT -> "waiting";
            }).collect(Collectors.joining(", "));
        }

        public String render() {
            return items.stream().map(i -> "  " + i.line()).collect(Collectors.joining("\n"));
        }
    }

    /** Checks every item for {@code ws}, whose working copy is at {@code verifyRound}'s state. */
    public Report check(Workstream ws, String mainBranch, java.nio.file.Path workingCopy, int verifyRound) {
        String mainSha = git.mainHead(mainBranch).orElseThrow(() -> new WorkerException("main branch " + mainBranch + " has no commits"));
        String mainName = git.mainLabel(mainBranch);
        String head = git.head(ws.branch()).orElse(null);
        String base = ws.baseSha();
        List<GateItem> items = new ArrayList<>();
        if (head == null || base == null) {
            items.add(GateItem.fail("commits", "branch " + ws.branch() + " does not exist; the worker never committed"));
            return new Report(head, items);
        }
        int commits = git.commitsSince(base, head);
        if (commits == 0) {
            items.add(GateItem.fail("commits", "no commits on " + ws.branch() + " since it was created from "
                    + mainBranch + " at " + shortSha(base) + "; a claim of done without any change"));
            return new Report(head, items);
        }
        items.add(GateItem.pass("commits", commits + " commit(s) on " + ws.branch() + " since " + shortSha(base)
                + ", head " + shortSha(head)));
        items.add(verify.run(ws.name(), workingCopy, verifyRound));
        items.add(ci.check(ws.branch(), head));
        boolean merged = git.merged(head, mainBranch);
        if (merged) {
            items.add(GateItem.pass("conflicts", "already merged into " + mainName));
        } else {
            List<String> conflicts = git.conflicts(mainSha, head);
            items.add(conflicts.isEmpty()
                    ? GateItem.pass("conflicts", "merges cleanly with " + mainName + " at " + shortSha(mainSha))
                    : GateItem.fail("conflicts", "conflicts with " + mainName + " at " + shortSha(mainSha) + " in "
                    + String.join(", ", conflicts) + "; rebase onto " + mainName + " and resolve them"));
        }
        items.add(Substance.check(ws.task(), git.changes(base, head)));
        if (fit != null) {
            items.add(fit.gateItem(ws, base, head, merged));
        }
        review.check(ws.branch()).ifPresent(items::add);
        if (merged) {
            boolean remotely = git.reachable(head, mainSha);
            items.add(GateItem.pass("merged", "head " + shortSha(head) + " is reachable from "
                    + (remotely ? mainName + " at " + shortSha(mainSha)
                    : mainBranch + " at " + shortSha(git.head(mainBranch).orElse(mainSha)))));
        } else {
            items.add(new GateItem("merged", GateItem.Status.WAIT, "not merged into " + mainBranch + " yet; "
                    + (autoMerge ? "confirm with '/czar merge " + ws.name() + "' to let czar merge it"
                    : "merge " + ws.branch() + " (head " + shortSha(head) + ") to finish")));
        }
        return new Report(head, items);
    }

    static String shortSha(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(7, sha.length()));
    }
}
