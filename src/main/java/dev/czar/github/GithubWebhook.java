package dev.czar.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.config.CiConfig;
import dev.czar.store.Database;
import dev.czar.workers.Workers;
import dev.czar.workers.Workstream;
import dev.czar.store.AuditLog;
import dev.czar.store.DeliveryLedger;
import dev.czar.web.HttpCall;
import dev.czar.web.HttpReply;
import dev.czar.web.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code POST /github/webhook}: GitHub's deliveries for the watched repository. The signature is checked over the raw
 * body before anything is parsed (a bad or missing one gets 401 and an audit row); each {@code X-GitHub-Delivery} is
 * applied once (a redelivery gets 200 and changes nothing); events czar does not handle get 202. A verified event
 * updates the stored pull request and checks ({@link WebhookEvents}) and wakes the gate of each workstream it
 * concerns, so a check that went green or red is acted on now instead of at the next poll.
 */
public final class GithubWebhook implements Route {
    public static final String PATH = "/github/webhook";
    static final String EVENT = "X-GitHub-Event";
    static final String DELIVERY = "X-GitHub-Delivery";
    private static final Logger LOG = LoggerFactory.getLogger(GithubWebhook.class);
    /** GitHub lets a delivery be redelivered for 3 days; ids are kept a week, pruned at most once an hour. */
    static final Duration KEEP_DELIVERIES = Duration.ofDays(7);
    private static final long PRUNE_EVERY_NANOS = Duration.ofHours(1).toNanos();

    private final WebhookSignature signature;
    private final DeliveryLedger deliveries;
    private final WebhookEvents events;
    private final AuditLog audit;
    private final Consumer<String> wake;
    private final AtomicLong lastPruned = new AtomicLong(System.nanoTime() - PRUNE_EVERY_NANOS);

    /** @param wake asks the supervisor to look at a workstream's gate now */
    public GithubWebhook(WebhookSignature signature, DeliveryLedger deliveries, WebhookEvents events, AuditLog audit,
                         Consumer<String> wake) {
        this.signature = signature;
        this.deliveries = deliveries;
        this.events = events;
        this.audit = audit;
        this.wake = wake;
    }

    /**
     * The endpoint {@code ci.github.webhook-secret} asks for, over the app's stores, recording refusals in the app's
     * {@code audit} log; empty while it is unset.
     */
    public static Optional<GithubWebhook> fromConfig(CiConfig.GithubConfig config, Database db, Workers workers,
                                                     AuditLog audit, Clock clock) {
        if (!config.webhooksOn()) {
            return Optional.empty();
        }
        PullRequestStore pulls = new PullRequestStore(db);
        WebhookEvents events = new WebhookEvents(config.repo(), pulls, new ReportedChecks(db),
                branch -> workers.history().onBranch(branch).map(Workstream::name),
                clock);
        return Optional.of(new GithubWebhook(new WebhookSignature(config.webhookSecret()), new DeliveryLedger(db, clock, "github"),
                events, audit, workers.supervisor()::wake));
    }

    @Override
    public HttpReply handle(HttpCall call) {
        if (!"POST".equals(call.method())) {
            return HttpReply.text(405, "POST only");
        }
        String event = printable(call.header(EVENT));
        String delivery = printable(call.header(DELIVERY));
        if (!signature.verifies(call.header(WebhookSignature.HEADER), call.body())) {
            String why = call.header(WebhookSignature.HEADER) == null ? "missing signature" : "bad signature";
            // only what identifies the request: nothing of an unverified body is worth keeping
            audit.record("github", "webhook", "github-webhook", event + " " + delivery, "refused",
                    why + " from " + call.remoteAddress() + ", " + call.body().length + " bytes");
            LOG.info("GitHub webhook refused ({}): event {}, delivery {}, {} bytes", why, event, delivery, call.body().length);
            return HttpReply.text(401, "invalid signature");
        }
        if (event.isEmpty() || delivery.isEmpty()) {
            return HttpReply.text(400, "X-GitHub-Event and X-GitHub-Delivery are required");
        }
        if (!WebhookEvents.HANDLED.contains(event)) {
            return HttpReply.text(202, "event " + event + " not used by czar");
        }
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(call.body());
        } catch (IOException e) {
            return HttpReply.text(400, "the body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            return HttpReply.text(400, "the body is not a JSON object");
        }
        pruneNowAndThen();
        if (!deliveries.firstSighting(delivery)) {
            LOG.info("GitHub delivery {} ({}) seen before; nothing changed", delivery, event);
            return HttpReply.text(200, "delivery " + delivery + " already applied");
        }
        WebhookEvents.Applied applied;
        try {
            applied = events.apply(event, payload);
        } catch (RuntimeException e) {
            deliveries.forget(delivery); // not applied: GitHub's redelivery of it must not be taken for a repeat
            throw e;
        }
        LOG.info("GitHub {} delivery {}: {}", event, delivery, applied.summary());
        applied.workstreams().forEach(wake);
        return HttpReply.text(200, applied.summary() + (applied.workstreams().isEmpty() ? ""
                : "; woke " + String.join(", ", applied.workstreams())));
    }

    private void pruneNowAndThen() {
        long last = lastPruned.get();
        if (System.nanoTime() - last >= PRUNE_EVERY_NANOS && lastPruned.compareAndSet(last, System.nanoTime())) {
            deliveries.forgetOlderThan(KEEP_DELIVERIES);
        }
    }

    /** Header values go into logs and the audit log: keep them short and on one line. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("[^A-Za-z0-9._:-]", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80);
    }
}
