package dev.czar.config;

/**
 * How the supervised repository is read.
 *
 * @param mainBranch the branch others are compared with; {@code auto} picks {@code main}, then {@code master},
 *                   then the branch HEAD points at
 * @param recentCommits how many commits a "recent commits" answer lists
 */
public record GitConfig(String mainBranch, Integer recentCommits) {
    public static final String AUTO = "auto";

    public GitConfig {
        mainBranch = mainBranch != null && !mainBranch.isBlank() ? mainBranch.strip() : AUTO;
        recentCommits = recentCommits != null ? recentCommits : 10;
    }
}
