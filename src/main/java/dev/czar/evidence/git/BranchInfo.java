package dev.czar.evidence.git;

/**
 * A branch and its head commit.
 *
 * @param name   short name: {@code feature-x} for local branches, {@code origin/feature-x} for remote-tracking ones
 * @param remote true for a remote-tracking branch
 * @param head   the commit the branch points at
 */
public record BranchInfo(String name, boolean remote, CommitInfo head) {
}
