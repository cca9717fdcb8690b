package dev.czar.github;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When GitHub says calls may resume, read from a 403/429 answer. Primary limit: {@code x-ratelimit-remaining: 0}
 * with {@code x-ratelimit-reset} (epoch seconds). Secondary limit: {@code Retry-After} (seconds), or, when GitHub
 * sends neither header, at least one minute as its documentation asks.
 */
final class RateLimits {
    static final Duration SECONDARY_DEFAULT_WAIT = Duration.ofMinutes(1);

    private RateLimits() {
    }

    static Optional<Instant> resumeAt(int status, HttpHeaders headers, String message, Instant now) {
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        Optional<String> retryAfter = headers.firstValue("Retry-After").map(String::strip);
        if (retryAfter.isPresent() && retryAfter.get().matches("\\d{1,6}")) {
            return Optional.of(now.plusSeconds(Long.parseLong(retryAfter.get())));
        }
        boolean exhausted = headers.firstValue("X-RateLimit-Remaining").map(v -> v.strip().equals("0")).orElse(false);
        if (exhausted) {
            return Optional.of(headers.firstValue("X-RateLimit-Reset").map(String::strip)
                    .filter(v -> v.matches("\\d{1,12}"))
                    .map(v -> Instant.ofEpochSecond(Long.parseLong(v)))
                    .orElse(now.plus(SECONDARY_DEFAULT_WAIT)));
        }
        if (status == 429 || message.toLowerCase().contains("secondary rate limit")) {
            return Optional.of(now.plus(SECONDARY_DEFAULT_WAIT));
        }
        return Optional.empty();
    }
}
