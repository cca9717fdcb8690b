package dev.czar.workers;

import dev.czar.agent.Redactor;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.util.EnumSet;
import java.util.Set;

/**
 * The remote through JGit, for machines without the {@code git} executable. Over HTTPS the token is the password
 * of user {@code x-access-token} (what GitHub accepts for personal access and App installation tokens), handed to
 * JGit's credentials provider: it goes to the server in a Basic authorization header and nowhere else. It works on
 * the repository's one JGit {@link Repository}, borrowed from its owner and never closed here.
 */
public final class JGitTransport implements RemoteTransport {
    private static final Set<RemoteRefUpdate.Status> PUSHED = EnumSet.of(RemoteRefUpdate.Status.OK, RemoteRefUpdate.Status.UP_TO_DATE);
    private static final int TIMEOUT_SECONDS = (int) GitProcess.TIMEOUT.toSeconds();

    private final Repository repo;
    private final String token;

    /** @param token {@code null} or blank: no credentials (a public repository, a remote on disk) */
    public JGitTransport(Repository repo, String token) {
        this.repo = repo;
        this.token = token == null || token.isBlank() ? null : token;
    }

    @Override
    public void fetch(String remote) {
        try (Git git = Git.wrap(repo)) {
            authorised(git.fetch().setRemote(remote).setRemoveDeletedRefs(true)).call();
        } catch (GitAPIException | RuntimeException e) {
            throw failure("fetch", e);
        }
    }

    @Override
    public void push(String remote, String branch, String expectedRemoteHead) {
        String ref = "refs/heads/" + branch;
        try (Git git = Git.wrap(repo)) {
            var push = git.push().setRemote(remote).setRefSpecs(new RefSpec((expectedRemoteHead != null ? "+" : "") + ref + ":" + ref));
            if (expectedRemoteHead != null) {
                push.setRefLeaseSpecs(new RefLeaseSpec(ref, expectedRemoteHead.isEmpty() ? ObjectId.zeroId().name() : expectedRemoteHead));
            }
            check(authorised(push).call());
        } catch (GitAPIException | RuntimeException e) {
            throw e instanceof GitProcess.GitFailure f ? f : failure("push", e);
        }
    }

    @Override
    public void delete(String remote, String branch) {
        try (Git git = Git.wrap(repo)) {
            check(authorised(git.push().setRemote(remote).setRefSpecs(new RefSpec(":refs/heads/" + branch))).call());
        } catch (GitAPIException | RuntimeException e) {
            throw e instanceof GitProcess.GitFailure f ? f : failure("push", e);
        }
    }

    private <C extends TransportCommand<C, ?>> C authorised(C command) {
        command.setTimeout(TIMEOUT_SECONDS);
        return token == null ? command : command.setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", token));
    }

    private static void check(Iterable<PushResult> results) {
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (!PUSHED.contains(update.getStatus())) {
                    throw new GitProcess.GitFailure("git push failed: " + update.getRemoteName() + " " + update.getStatus()
                            + (update.getMessage() == null ? "" : ": " + update.getMessage()));
                }
            }
        }
    }

    private GitProcess.GitFailure failure(String what, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (token != null) {
            message = message.replace(token, "[redacted]"); // belt and braces: JGit never echoes it, keep it that way
        }
        return new GitProcess.GitFailure("git " + what + " failed: " + Redactor.INSTANCE.redact(FleetText.firstLine(message)));
    }
}
