package dev.czar.github;

import java.time.Instant;

/** GitHub could not give an answer. The message is one line fit for a chat answer; it never contains the token. */
public final class GithubFailure extends RuntimeException {
    /** Why the call failed, which decides whether it is retried and whether it counts against the circuit breaker. */
    public enum Kind {
        /** Connection refused, timeout, DNS: retried, counted. */
        UNREACHABLE,
        /** HTTP 5xx: retried, counted. */
        SERVER_ERROR,
        /** HTTP 403/429 with an exhausted rate limit or Retry-After: not retried until {@link #retryAt()}. */
        RATE_LIMITED,
        /** Any other 4xx (bad repo, bad token): not retried, not counted; the configuration must change. */
        REFUSED,
        /** The circuit breaker is open after repeated failures: no call was made. */
        BREAKER_OPEN
    }

    private final Kind kind;
    private final Instant retryAt;

    public GithubFailure(Kind kind, String message, Instant retryAt, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.retryAt = retryAt;
    }

    public Kind kind() {
        return kind;
    }

    /** When GitHub said calls may resume (rate limits only), else {@code null}. */
    public Instant retryAt() {
        return retryAt;
    }

    public boolean transientFailure() {
        return kind == Kind.UNREACHABLE || kind == Kind.SERVER_ERROR;
    }
}
