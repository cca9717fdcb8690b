package dev.czar.github;

import dev.czar.workers.GitProcess;
import dev.czar.workers.RemoteSync;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The supervised repository's remote ({@code git.remote}), through the {@code git} executable so the user's own
 * credentials apply (SSH agent, credential helper); czar never writes a token into a URL. Fetches are bounded by a
 * minimum interval; a failed fetch is remembered with its time so answers can say how old their view is.
 * Only czar's own {@code czar/*} branches are ever force-pushed, and then with a lease on the head czar last saw.
 */
public final class RemoteBranches {
    private final Path repo;
    private final RemoteSync sync;

    public RemoteBranches(Path repo, String remote, Duration minInterval, Clock clock) {
        this(repo, new RemoteSync(repo, remote, minInterval, clock));
    }

    /** Pushes through the same remote whose fetches {@code sync} keeps in step (one interval for every caller). */
    public RemoteBranches(Path repo, RemoteSync sync) {
        this.repo = repo;
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
        try {
            return Optional.of(git("rev-parse", "--verify", "--quiet", "refs/remotes/" + remote() + "/" + branch).strip());
        } catch (GitProcess.GitFailure e) {
            return Optional.empty();
        }
    }

    /**
     * Pushes {@code branch}; a {@code czar/*} branch may be rewritten by the worker, so it is pushed with
     * {@code --force-with-lease} on the remote head czar last fetched (another writer's push is never overwritten).
     *
     * @throws GitProcess.GitFailure with git's own (redacted) message when the remote refuses
     */
    public void push(String branch) {
        String ref = "refs/heads/" + branch;
        List<String> args = new ArrayList<>(List.of("push", "--porcelain"));
        if (branch.startsWith("czar/")) {
            args.add("--force-with-lease=" + ref + ":" + remoteHead(branch).orElse(""));
        }
        args.add(remote());
        args.add(ref + ":" + ref);
        git(args.toArray(String[]::new));
    }

    /** Deletes {@code czar/*} branches only; czar never deletes anyone else's branch. */
    public void delete(String branch) {
        if (!branch.startsWith("czar/")) {
            throw new IllegalArgumentException("czar deletes only its own czar/* branches, not " + branch);
        }
        git("push", "--porcelain", remote(), ":refs/heads/" + branch);
    }

    private String git(String... args) {
        return GitProcess.run(repo, args);
    }
}
