package dev.czar.workers.kubernetes;

import dev.czar.workers.GitProcess;

import java.nio.file.Path;

/**
 * The workspace port of a remote worker: its pod cloned the branch from the remote and pushed it back; czar fetches
 * that branch into the workstream's local working copy (a linked worktree moves the repository's branch with it),
 * so the gate, the conflict matrix and the pull request see what the worker did.
 */
final class PushedBranch {
    private final String remoteUrl;
    private final String branch;

    PushedBranch(String remoteUrl, String branch) {
        this.remoteUrl = remoteUrl;
        this.branch = branch;
    }

    /** Fetches the pushed branch into {@code workingCopy} and checks it out there; returns one line saying what. */
    String collect(Path workingCopy) {
        try {
            GitProcess.run(workingCopy, "fetch", "--quiet", remoteUrl, "refs/heads/" + branch);
            GitProcess.run(workingCopy, "reset", "--quiet", "--hard", "FETCH_HEAD");
            String head = GitProcess.run(workingCopy, "rev-parse", "--short", "HEAD").strip();
            return "fetched " + branch + " at " + head + " as the worker pushed it";
        } catch (GitProcess.GitFailure e) {
            return "could not fetch " + branch + " from the remote (" + e.getMessage()
                    + "); the working copy keeps what it had";
        }
    }
}
