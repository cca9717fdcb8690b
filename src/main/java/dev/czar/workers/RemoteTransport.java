package dev.czar.workers;

import org.eclipse.jgit.lib.Repository;

import java.nio.file.Path;

/**
 * How czar talks to the supervised repository's remote: fetch, push one branch (with a lease), delete one branch.
 * Two ways (README "Connecting to the remote" says why): the {@code git} executable when it is installed, so the
 * user's own transport and credentials apply unchanged (SSH agent, credential helper, {@code insteadOf}); JGit
 * otherwise, over HTTPS with {@code GITHUB_TOKEN} given as a password to JGit's credentials provider, never put in
 * a URL, a log line, an answer or the database.
 */
public interface RemoteTransport {
    /** {@code git fetch --prune REMOTE}. @throws GitProcess.GitFailure with a redacted one-line reason */
    void fetch(String remote);

    /**
     * Pushes {@code refs/heads/BRANCH} to the same name on the remote.
     *
     * @param expectedRemoteHead {@code null}: a plain (fast-forward only) push; otherwise a forced push that only
     *                           happens while the remote still has this commit ({@code ""}: while it has no such
     *                           branch), like {@code git push --force-with-lease}
     * @throws GitProcess.GitFailure when the remote refuses or cannot be reached
     */
    void push(String remote, String branch, String expectedRemoteHead);

    /** Deletes {@code refs/heads/BRANCH} on the remote. @throws GitProcess.GitFailure when refused */
    void delete(String remote, String branch);

    /** What the user's git is for, see {@link RemoteTransport}; {@code token} may be {@code null} (no credentials). */
    static RemoteTransport of(Repository repo, String token) {
        return GitProcess.available() ? new GitCliTransport(root(repo)) : new JGitTransport(repo, token);
    }

    /** Where {@code git} runs for this repository: its working tree, or its git dir when it is bare. */
    static Path root(Repository repo) {
        return (repo.isBare() ? repo.getDirectory() : repo.getWorkTree()).toPath();
    }
}
