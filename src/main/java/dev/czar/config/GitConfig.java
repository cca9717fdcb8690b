package dev.czar.config;

/**
 * How the supervised repository is read.
 *
 * @param mainBranch the branch others are compared with; {@code auto} picks {@code main}, then {@code master},
 *                   then the branch HEAD points at
 * @param recentCommits how many commits a "recent commits" answer lists
 * @param remote        the remote czar fetches from and pushes workstream branches to (issue 19)
 * @param fetchInterval least time between two fetches of that remote
 * @param executable    the git executable that counts diff lines exactly as git does (issue 20): {@code auto} (git on
 *                      the PATH, JGit without it), {@code none} (JGit only) or a path
 */
public record GitConfig(String mainBranch, Integer recentCommits, String remote, String fetchInterval,
                        String executable) {
    public static final String AUTO = "auto";

    public GitConfig {
        mainBranch = mainBranch != null && !mainBranch.isBlank() ? mainBranch.strip() : AUTO;
        recentCommits = recentCommits != null ? recentCommits : 10;
        remote = remote != null && !remote.isBlank() ? remote.strip() : "origin";
        fetchInterval = fetchInterval != null && !fetchInterval.isBlank() ? fetchInterval.strip() : "60s";
        executable = executable != null && !executable.isBlank() ? executable.strip() : AUTO;
    }

    public GitConfig(String mainBranch, Integer recentCommits) {
        this(mainBranch, recentCommits, null, null, null);
    }

    public GitConfig(String mainBranch, Integer recentCommits, String remote, String fetchInterval) {
        this(mainBranch, recentCommits, remote, fetchInterval, null);
    }
}
