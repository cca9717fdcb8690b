package dev.czar.workers;

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
 */
public final class RemoteSync {
    /** No remote: nothing is fetched, main is the local branch. */
    public static final RemoteSync NONE = new RemoteSync(null, null, Duration.ZERO, Clock.systemUTC());

    private final Path repo;
    private final String remote;
    private final Duration minInterval;
    private final Clock clock;
    private Instant lastAttempt;
    private volatile Instant lastSuccess;
    private volatile Failure lastFailure;
    private volatile Boolean configured;

    /** A fetch that failed: when, and git's own (redacted) words. */
    public record Failure(Instant at, String message) {
    }

    public RemoteSync(Path repo, String remote, Duration minInterval, Clock clock) {
        this.repo = repo;
        this.remote = remote;
        this.minInterval = minInterval;
        this.clock = clock;
    }

    /** The remote's name, e.g. {@code origin}; {@code null} for {@link #NONE}. */
    public String remote() {
        return remote;
    }

    /** Whether the repository has this remote (looked up once; {@code git remote add} later needs a restart). */
    public synchronized boolean configured() {
        if (repo == null) {
            return false;
        }
        Boolean known = configured;
        if (known == null) {
            try {
                known = !GitProcess.run(repo, "remote", "get-url", remote).isBlank();
                lastFetchOnDisk().ifPresent(at -> {
                    lastAttempt = at;
                    lastSuccess = at;
                });
            } catch (GitProcess.GitFailure e) {
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
    private Optional<Instant> lastFetchOnDisk() {
        try {
            Path fetchHead = repo.resolve(GitProcess.run(repo, "rev-parse", "--git-path", "FETCH_HEAD").strip());
            if (!java.nio.file.Files.exists(fetchHead)) {
                return Optional.empty();
            }
            Instant at = java.nio.file.Files.getLastModifiedTime(fetchHead).toInstant();
            return at.isAfter(clock.instant()) ? Optional.empty() : Optional.of(at);
        } catch (GitProcess.GitFailure | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Fetches unless a fetch (successful or not) happened less than the minimum interval ago. Never throws.
     *
     * @return whether git was run
     */
    public synchronized boolean fetchIfDue() {
        if (!configured()) {
            return false;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && Duration.between(lastAttempt, now).compareTo(minInterval) < 0) {
            return false;
        }
        lastAttempt = now;
        try {
            GitProcess.run(repo, "fetch", "--prune", "--quiet", remote);
            lastSuccess = now;
            lastFailure = null;
        } catch (GitProcess.GitFailure e) {
            lastFailure = new Failure(now, FleetText.firstLine(e.getMessage()));
        }
        return true;
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
