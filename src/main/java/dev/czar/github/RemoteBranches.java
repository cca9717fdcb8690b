package dev.czar.github;

import dev.czar.agent.Redactor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The supervised repository's remote ({@code git.remote}), through the {@code git} executable so the user's own
 * credentials apply (SSH agent, credential helper); czar never writes a token into a URL. Fetches are bounded by a
 * minimum interval; a failed fetch is remembered with its time so answers can say how old their view is.
 * Only czar's own {@code czar/*} branches are ever force-pushed, and then with a lease on the head czar last saw.
 */
public final class RemoteBranches {
    private final Path repo;
    private final String remote;
    private final Duration minInterval;
    private final Clock clock;
    private volatile Instant lastFetch = Instant.MIN;
    private volatile String lastProblem;

    public RemoteBranches(Path repo, String remote, Duration minInterval, Clock clock) {
        this.repo = repo;
        this.remote = remote;
        this.minInterval = minInterval;
        this.clock = clock;
    }

    public String remote() {
        return remote;
    }

    /** Whether the repository has the configured remote at all. */
    public boolean configured() {
        try {
            return !git("remote", "get-url", remote).isBlank();
        } catch (GitFailure e) {
            return false;
        }
    }

    /** Fetches unless the last fetch is younger than the minimum interval; never throws, see {@link #problem()}. */
    public void fetchIfDue() {
        Instant now = clock.instant();
        if (lastFetch != Instant.MIN && Duration.between(lastFetch, now).compareTo(minInterval) < 0) {
            return;
        }
        try {
            git("fetch", "--prune", "--quiet", remote);
            lastProblem = null;
        } catch (GitFailure e) {
            lastProblem = "fetching " + remote + " failed at " + now + ": " + e.getMessage();
        }
        lastFetch = now;
    }

    /** Why the last fetch failed (with its time), or empty when it worked. */
    public Optional<String> problem() {
        return Optional.ofNullable(lastProblem);
    }

    /** The commit {@code branch} has on the remote as last fetched. */
    public Optional<String> remoteHead(String branch) {
        try {
            return Optional.of(git("rev-parse", "--verify", "--quiet", "refs/remotes/" + remote + "/" + branch).strip());
        } catch (GitFailure e) {
            return Optional.empty();
        }
    }

    /**
     * Pushes {@code branch}; a {@code czar/*} branch may be rewritten by the worker, so it is pushed with
     * {@code --force-with-lease} on the remote head czar last fetched (another writer's push is never overwritten).
     *
     * @throws GitFailure with git's own (redacted) message when the remote refuses
     */
    public void push(String branch) {
        String ref = "refs/heads/" + branch;
        List<String> args = new ArrayList<>(List.of("push", "--porcelain"));
        if (branch.startsWith("czar/")) {
            args.add("--force-with-lease=" + ref + ":" + remoteHead(branch).orElse(""));
        }
        args.add(remote);
        args.add(ref + ":" + ref);
        git(args.toArray(String[]::new));
    }

    /** Deletes {@code czar/*} branches only; czar never deletes anyone else's branch. */
    public void delete(String branch) {
        if (!branch.startsWith("czar/")) {
            throw new IllegalArgumentException("czar deletes only its own czar/* branches, not " + branch);
        }
        git("push", "--porcelain", remote, ":refs/heads/" + branch);
    }

    private String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0"); // never wait for a password on a terminal
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GitFailure("git " + args[0] + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new GitFailure("git " + args[0] + " failed: " + Redactor.INSTANCE.redact(out.strip()));
            }
            return out;
        } catch (IOException e) {
            throw new GitFailure("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitFailure("interrupted while running git");
        }
    }

    /** git refused or could not run; the message is one redacted line fit for an answer. */
    public static final class GitFailure extends RuntimeException {
        GitFailure(String message) {
            super(message, null, false, false);
        }
    }
}
