package dev.czar.workers;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps the supervised repository's view of its remote ({@code git.remote}) fresh: {@code git fetch --prune} at most
 * once per {@code git.fetch-interval}, asked for by the supervisor's tick and before each launch, gate run and status
 * answer. A failed fetch never stops anything: answers and gates keep working from what was fetched last, and
 * {@link #staleness} says how old that is and why. A repository without that remote is simply local.
 * It reads refs through the repository's one JGit {@link Repository}, borrowed from its owner
 * ({@code GitEvidence.repository()}) and never closed here.
 */
public final class RemoteSync {
    /** No remote: nothing is fetched, main is the local branch. */
    public static final RemoteSync NONE = new RemoteSync(null, null, Duration.ZERO, Clock.systemUTC(), null);

    private final Repository repo;
    private final String remote;
    private final RemoteTransport transport;
    private final Duration minInterval;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantLock fetching = new java.util.concurrent.locks.ReentrantLock();
    private volatile Instant lastAttempt;
    private volatile Instant lastSuccess;
    private volatile Failure lastFailure;
    private volatile Boolean configured;

    /** A fetch that failed: when, and git's own (redacted) words. */
    public record Failure(Instant at, String message) {
    }

    /** Through the {@code git} executable (the user's own credentials). */
    public RemoteSync(Repository repo, String remote, Duration minInterval, Clock clock) {
        this(repo, remote, minInterval, clock, repo == null ? null : new GitCliTransport(RemoteTransport.root(repo)));
    }

    public RemoteSync(Repository repo, String remote, Duration minInterval, Clock clock, RemoteTransport transport) {
        this.repo = repo;
        this.transport = transport;
        this.remote = remote;
        this.minInterval = minInterval;
        this.clock = clock;
    }

    /** The remote's name, e.g. {@code origin}; {@code null} for {@link #NONE}. */
    public String remote() {
        return remote;
    }

    /** How fetches and pushes reach the remote. */
    public RemoteTransport transport() {
        return transport;
    }

    /** The commit {@code branch} has on the remote as last fetched ({@code refs/remotes/REMOTE/BRANCH}). */
    public Optional<String> trackingHead(String branch) {
        if (repo == null) {
            return Optional.empty();
        }
        try {
            Ref ref = repo.exactRef(Constants.R_REMOTES + remote + "/" + branch);
            return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(ref.getObjectId().name());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the repository has this remote (looked up once; {@code git remote add} later needs a restart). */
    public synchronized boolean configured() {
        if (repo == null) {
            return false;
        }
        Boolean known = configured;
        if (known == null) {
            try {
                known = repo.getConfig().getSubsections("remote").contains(remote);
                if (known) {
                    lastFetchOnDisk(repo).ifPresent(at -> {
                        lastAttempt = at;
                        lastSuccess = at;
                    });
                }
            } catch (IOException e) {
                known = false;
            }
            configured = known;
        }
        return known;
    }

    /**
     * When any process last fetched (git writes FETCH_HEAD on every fetch), so that short-lived czar processes
     * ({@code czar ask}) share the interval; a time after this clock's now (a test's clock) is not trusted.
     */
    private Optional<Instant> lastFetchOnDisk(Repository r) throws IOException {
        Path fetchHead = r.getDirectory().toPath().resolve("FETCH_HEAD");
        if (!Files.exists(fetchHead)) {
            return Optional.empty();
        }
        Instant at = Files.getLastModifiedTime(fetchHead).toInstant();
        return at.isAfter(clock.instant()) ? Optional.empty() : Optional.of(at);
    }

    /**
     * Fetches unless a fetch (successful or not) happened less than the minimum interval ago, or one is running
     * right now on another thread (the caller then goes on with the last view instead of waiting for the network).
     * Never throws.
     *
     * @return whether git was run
     */
    public boolean fetchIfDue() {
        if (!configured() || !fetching.tryLock()) {
            return false;
        }
        try {
            Instant now = clock.instant();
            if (lastAttempt != null && Duration.between(lastAttempt, now).compareTo(minInterval) < 0) {
                return false;
            }
            lastAttempt = now;
            try {
                transport.fetch(remote);
                lastSuccess = now;
                lastFailure = null;
            } catch (GitProcess.GitFailure e) {
                lastFailure = new Failure(now, FleetText.firstLine(e.getMessage()));
            }
            return true;
        } finally {
            fetching.unlock();
        }
    }

    /** When the remote was last fetched successfully by this process. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** The last fetch's failure, until a fetch works again. */
    public Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /**
     * One line for answers when the last fetch failed, e.g. {@code remote origin last fetched 12 min ago: git fetch
     * failed: …}; empty when the last fetch worked (or there is no remote).
     */
    public Optional<String> staleness() {
        Failure failure = lastFailure;
        if (failure == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant success = lastSuccess;
        String when = success == null ? "not fetched since czar started (last try " + ago(failure.at(), now) + ")"
                : "last fetched " + ago(success, now);
        return Optional.of("remote " + remote + " " + when + ": " + failure.message());
    }

    /** "12 min ago", "40 s ago", "3 h ago". */
    static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        return seconds / 3600 + " h ago";
    }
}
