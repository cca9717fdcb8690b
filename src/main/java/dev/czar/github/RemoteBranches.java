package dev.czar.github;

import dev.czar.workers.GitProcess;
import dev.czar.workers.RemoteSync;
import org.eclipse.jgit.lib.Repository;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The supervised repository's remote ({@code git.remote}), through {@link RemoteSync}'s transport (the {@code git}
 * executable, so the user's own credentials apply; JGit with the token where git is not installed); czar never
 * writes a token into a URL. Fetches are bounded by a
 * minimum interval; a failed fetch is remembered with its time so answers can say how old their view is.
 * Only czar's own {@code czar/*} branches are ever force-pushed, and then with a lease on the head czar last saw.
 */
public final class RemoteBranches {
    private final RemoteSync sync;

    public RemoteBranches(Repository repo, String remote, Duration minInterval, Clock clock) {
        this(new RemoteSync(repo, remote, minInterval, clock));
    }

    /** Pushes through the same remote whose fetches {@code sync} keeps in step (one interval for every caller). */
    public RemoteBranches(RemoteSync sync) {
        this.sync = sync;
    }

    public String remote() {
        return sync.remote();
    }

    /** Whether the repository has the configured remote at all. */
    public boolean configured() {
        return sync.configured();
    }

    /** Fetches unless the last fetch is younger than the minimum interval; never throws, see {@link #problem()}. */
    public void fetchIfDue() {
        sync.fetchIfDue();
    }

    /** Why the last fetch failed and how old the remote view is, or empty when it worked. */
    public Optional<String> problem() {
        return sync.staleness();
    }

    /** The commit {@code branch} has on the remote as last fetched. */
    public Optional<String> remoteHead(String branch) {
        return sync.trackingHead(branch);
    }

    /**
     * Pushes {@code branch}; a {@code czar/*} branch may be rewritten by the worker, so it is pushed with
     * {@code --force-with-lease} on the remote head czar last fetched (another writer's push is never overwritten).
     *
     * @throws GitProcess.GitFailure with git's own (redacted) message when the remote refuses
     */
    public void push(String branch) {
        sync.transport().push(remote(), branch, branch.startsWith("czar/") ? remoteHead(branch).orElse("") : null);
    }

    /** Deletes {@code czar/*} branches only; czar never deletes anyone else's branch. */
    public void delete(String branch) {
        if (!branch.startsWith("czar/")) {
            throw new IllegalArgumentException("czar deletes only its own czar/* branches, not " + branch);
        }
        sync.transport().delete(remote(), branch);
    }
}
