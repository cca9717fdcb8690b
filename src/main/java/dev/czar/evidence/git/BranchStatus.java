package dev.czar.evidence.git;

/**
 * Where a branch stands against the main branch.
 *
 * @param branch   the branch and its head
 * @param main     the main branch and its head
 * @param ahead    commits on the branch that main does not have
 * @param behind   commits on main that the branch does not have
 * @param merged   whether the branch head is reachable from main
 */
public record BranchStatus(BranchInfo branch, BranchInfo main, int ahead, int behind, boolean merged) {
}
