package dev.czar.cli;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.chat.ChatGateway;
import dev.czar.web.Dashboard;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What {@code czar serve} runs besides the Slack front door, as the composition root built it ({@link Czar#serve}):
 * alerts to workstream threads, scheduled digests, and the dashboard. Closing it stops all three.
 */
final class DigestServing implements AutoCloseable {
    private final List<AutoCloseable> parts;

    private DigestServing(List<AutoCloseable> parts) {
        this.parts = parts;
    }

    /** @throws dev.czar.UserError on a bad schedule or a dashboard that may not or cannot start */
    static DigestServing start(CzarApp app, ChatGateway chat, Clock clock) {
        return new DigestServing(Czar.serve(app, chat, clock));
    }

    Optional<String> dashboardUrl() {
        return parts.stream().filter(p -> p instanceof Dashboard).map(p -> ((Dashboard) p).url()).findFirst();
    }

    @Override
    public void close() {
        parts.forEach(Czar::closeQuietly);
    }
}
