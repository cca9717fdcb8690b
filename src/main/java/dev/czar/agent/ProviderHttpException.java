package dev.czar.agent;

import dev.langchain4j.exception.HttpException;

import java.time.Duration;
import java.util.Optional;

/** A provider answered with an error status; keeps how long it asked us to wait, if it said. */
final class ProviderHttpException extends HttpException {
    private final transient Duration retryAfter;

    ProviderHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, "HTTP " + statusCode + (body == null || body.isBlank() ? "" : ": " + firstLine(body)));
        this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String firstLine(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
