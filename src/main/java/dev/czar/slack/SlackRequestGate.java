package dev.czar.slack;

import com.slack.api.app_backend.SlackSignature;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Lets a request through to Bolt only if Slack could have sent it now: its timestamp is within five minutes of this
 * machine's clock in either direction (Bolt's own check looks only into the past, so a request stamped in the future
 * could be replayed for as long as the stamp is ahead), and its signature verifies with Bolt's verifier. Nothing
 * about the request is read before this passes.
 */
final class SlackRequestGate {
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    static final String SIGNATURE = "X-Slack-Signature";
    /** Slack's own replay window. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final SlackSignature.Verifier verifier;
    private final Clock clock;

    SlackRequestGate(String signingSecret, Clock clock) {
        this.verifier = new SlackSignature.Verifier(new SlackSignature.Generator(signingSecret));
        this.clock = clock;
    }

    /** Why the request is refused, or empty when it may pass. */
    Optional<String> refusal(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null) {
            return Optional.of("unsigned");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of("timestamp is not a number");
        }
        long now = clock.instant().getEpochSecond();
        // Bolt's verifier takes a request exactly five minutes old as stale; the same bound is used both ways
        if (Math.abs(now - seconds) >= WINDOW.toSeconds()) {
            return Optional.of(seconds > now ? "timestamp in the future" : "timestamp too old");
        }
        if (!verifier.isValid(timestamp, body, signature, clock.millis())) {
            return Optional.of("bad signature");
        }
        return Optional.empty();
    }
}
