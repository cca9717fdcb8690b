package dev.czar.evidence.git;

/**
 * Where a branch stands against the main branch.
 *
 * @param branch   the branch and its head
 * @param main     the main branch and its head
 * @param ahead    commits on the branch that main does not have ({@code git rev-list --count main..branch})
 * @param behind   commits on main that the branch does not have
 * @param merged   whether the branch head is reachable from main
 * @param related  false when the two share no commit at all (e.g. a {@code gh-pages} branch)
 * @param shallow  true in a shallow clone: history is cut, so the counts are a lower bound
 */
public record BranchStatus(BranchInfo branch, BranchInfo main, int ahead, int behind, boolean merged, boolean related,
                           boolean shallow) {
    public BranchStatus(BranchInfo branch, BranchInfo main, int ahead, int behind, boolean merged) {
        this(branch, main, ahead, behind, merged, true, false);
    }
}
