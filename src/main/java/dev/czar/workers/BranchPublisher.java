package dev.czar.workers;

/**
 * Where a workstream's branch goes besides the local repository (issue 19: the remote and a pull request).
 * Called on the gate's thread; an implementation reports its own trouble and never throws into the gate.
 */
public interface BranchPublisher {
    BranchPublisher NONE = new BranchPublisher() {
        @Override
        public void beforeGate(Workstream ws) {
        }

        @Override
        public void afterGate(Workstream ws, String mainBranch, DoneGate.Report report) {
        }
    };

    /** Before the gate checks a claim of done: fetch, then push the branch so CI runs on the head being checked. */
    void beforeGate(Workstream ws);

    /** After the gate decided: open or update the pull request with the report, mark it ready when it passed. */
    void afterGate(Workstream ws, String mainBranch, DoneGate.Report report);
}
