package dev.czar.workers.kubernetes;

import dev.czar.workers.GitProcess;
import dev.czar.workers.RemoteSync;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The workspace port of a remote worker: its pod cloned the branch from the remote and pushes it back, while the
 * agent runs (every {@code workers.kubernetes.push-interval-seconds} when it committed) and after it. czar moves the
 * workstream's local working copy (a linked worktree moves the repository's branch with it) to what the pod pushed,
 * so the stuck clock, {@code czar workers}, the conflict matrix, the gate and the pull request see what the worker
 * did as they see a local worker's commits.
 */
final class PushedBranch {
    private final String remoteUrl;
    private final String branch;
    private final RemoteSync fetched;
    /** The remote-tracking head {@link #follow} last looked at. */
    private String seen = "";

    /**
     * @param fetched the remote the pods push to, as the supervisor's tick fetches it ({@code git.remote}, which
     *                {@code fetch-remote} names too): running workers' new commits are read from its tracking refs
     */
    PushedBranch(String remoteUrl, String branch, RemoteSync fetched) {
        this.remoteUrl = remoteUrl;
        this.branch = branch;
        this.fetched = fetched;
    }

    /**
     * While the worker runs: when the last fetch brought a new head of its branch ({@code refs/remotes/REMOTE/BRANCH})
     * ahead of the working copy, fast-forwards the working copy to it. Returns one line saying what; empty when
     * nothing new arrived. Never throws: a working copy that cannot move waits for {@link #collect}.
     */
    Optional<String> follow(Path workingCopy) {
        Optional<String> pushed = fetched.trackingHead(branch);
        if (pushed.isEmpty() || pushed.get().equals(seen)) {
            return Optional.empty();
        }
        seen = pushed.get();
        String sha = seen.substring(0, 7);
        try {
            String local = GitProcess.run(workingCopy, "rev-parse", "HEAD").strip();
            if (local.equals(seen) || ancestor(workingCopy, seen, local)) {
                return Optional.empty(); // what the working copy has already
            }
            GitProcess.run(workingCopy, "merge", "--ff-only", "--quiet", seen);
            String subject = GitProcess.run(workingCopy, "log", "-1", "--format=%s", seen).strip();
            return Optional.of("the worker pushed " + branch + " at " + sha + " (" + subject + ")");
        } catch (GitProcess.GitFailure e) {
            return Optional.of("the worker pushed " + branch + " at " + sha + " but the working copy cannot move there ("
                    + firstLine(e.getMessage()) + "); it is fetched when the worker ends");
        }
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

    private static boolean ancestor(Path workingCopy, String commit, String of) {
        try {
            GitProcess.run(workingCopy, "merge-base", "--is-ancestor", commit, of);
            return true;
        } catch (GitProcess.GitFailure e) {
            return false;
        }
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
