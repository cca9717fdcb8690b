package dev.czar.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import dev.czar.UserError;
import dev.czar.chat.ChatService;
import dev.czar.command.AccessPolicy;
import dev.czar.config.SlackConfig;
import dev.czar.store.AuditLog;
import dev.czar.store.Database;
import dev.czar.web.HttpLimits;
import dev.czar.web.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * czar on Slack: a Bolt for Java app whose listeners feed the same {@link ChatService} as {@code czar chat}.
 * Runs over Socket Mode (outbound WebSocket, no public URL) or over HTTP ({@code POST /slack/events}, signature
 * verified). This package is the only one that knows Slack exists.
 */
public final class SlackFrontDoor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackFrontDoor.class);

    /**
     * How Slack reaches czar.
     *
     * @param httpPort    port for {@code /slack/events}; {@code null} for Socket Mode; 0 picks a free port
     * @param bindAddress interface the HTTP endpoint listens on
     * @param limits      threads, timeouts and body limit of the HTTP endpoint
     * @param otherRoutes more paths served on the same HTTP endpoint (GitHub's webhook), each verifying its own callers
     */
    public record Transport(Integer httpPort, String bindAddress, HttpLimits limits, Map<String, Route> otherRoutes) {
        public Transport {
            otherRoutes = otherRoutes == null ? Map.of() : Map.copyOf(otherRoutes);
        }

        public static Transport socketMode() {
            return new Transport(null, null, null, null);
        }

        public static Transport http(int port, String bindAddress) {
            return new Transport(port, bindAddress, HttpLimits.SLACK, null);
        }

        /** The same transport with other limits (tests use short deadlines). */
        public Transport withLimits(HttpLimits other) {
            return new Transport(httpPort, bindAddress, other, otherRoutes);
        }

        /** The same transport also serving {@code route} at {@code path} (HTTP only). */
        public Transport withRoute(String path, Route route) {
            Map<String, Route> all = new java.util.LinkedHashMap<>(otherRoutes);
            all.put(path, route);
            return new Transport(httpPort, bindAddress, limits, all);
        }

        public boolean isHttp() {
            return httpPort != null;
        }
    }

    /**
     * What the Slack front door needs from the rest of czar: the command path's {@code access} policy and the one
     * {@code audit} log (its confirmations check and record with them); {@code llmAnswers} sizes the answer pool (see
     * slack.workers).
     */
    public record Wiring(SlackConfig slack, AccessPolicy access, AuditLog audit, ChatService chat, Database database,
                         Clock clock, boolean llmAnswers) {
    }

    private final App app;
    private final AnswerWorkers workers;
    private final SlackHttpEndpoint http;
    private final SocketModeApp socket;
    private SlackGateway gateway;
    private DeliveryTally tally;
    private int resumedAtStart;
    private EventReclaim reclaim;

    private SlackFrontDoor(App app, AnswerWorkers workers, SlackHttpEndpoint http, SocketModeApp socket) {
        this.app = app;
        this.workers = workers;
        this.http = http;
        this.socket = socket;
    }

    /**
     * Builds the Bolt app and starts listening.
     *
     * @throws UserError when a token is missing or the HTTP port cannot be bound
     */
    public static SlackFrontDoor start(Wiring wiring, SlackTokens tokens, Transport transport) {
        String missing = tokens.missingFor(transport.isHttp());
        if (missing != null) {
            throw new UserError(missing);
        }
        SlackConfig config = wiring.slack().resolveWorkers(wiring.llmAnswers(), Runtime.getRuntime().availableProcessors());
        Slack slack = Slack.getInstance(sdkConfig(config));
        App app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(tokens.botToken())
                .signingSecret(tokens.signingSecret())
                .requestVerificationEnabled(transport.isHttp())
                // Bolt calls auth.test per request unless cached; a call to Slack on every ack would cost latency
                .authTestCacheEnabled(true)
                .authTestCacheExpirationMillis(Duration.ofMinutes(10).toMillis())
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .build());
        AnswerWorkers workers = new AnswerWorkers(config.workers(), config.queueCapacity());
        SlackPoster poster = new SlackPoster(app.client(), new SlackOutbox(wiring.database(), wiring.clock()),
                config.postAttempts(), config.retryBackoffMs());
        BlockKitRenderer renderer = new BlockKitRenderer();
        ThreadMemory threads = new ThreadMemory(wiring.database(), wiring.clock());
        PendingConfirmations pending = new PendingConfirmations(wiring.database(), wiring.clock(),
                Duration.ofSeconds(config.confirmTtlSeconds()));
        SlackGateway gateway = new SlackGateway(poster, threads,
                new WorkingIndicator(poster, workers.timers(), config.workingAfterMs()), pending);
        ConfirmationFlow confirmations = new ConfirmationFlow(wiring.chat(), gateway, pending, renderer,
                wiring.audit(), wiring.access(), wiring.clock());
        EventLedger ledger = new EventLedger(wiring.database(), wiring.clock(), replicaId());
        DeliveryTally tally = new DeliveryTally();
        BiConsumer<SlackTurn, BooleanSupplier> answerer = (turn, commit) -> gateway.receive(wiring.chat(), turn, commit);
        SlackListeners listeners = new SlackListeners(answerer, confirmations, gateway, workers, ledger, threads,
                wiring.chat()::awaitedInThread, config.channels(), wiring.clock(), tally);
        listeners.register(app);
        // issue 23: replicas on one store answer what a stopped one acknowledged; after a restart, what this one did
        EventReclaim reclaim = new EventReclaim(ledger, listeners, Duration.ofSeconds(config.reclaimAfterSeconds()));
        int resumed = reclaim.start();
        workers.timers().scheduleWithFixedDelay(() -> housekeeping(poster, ledger), 0, 10, TimeUnit.MINUTES);
        try {
            SlackFrontDoor door = transport.isHttp()
                    ? startHttp(app, workers, transport, new SlackRequestGate(tokens.signingSecret(), wiring.clock()))
                    : startSocketMode(app, workers, tokens);
            door.gateway = gateway;
            door.tally = tally;
            door.resumedAtStart = resumed;
            door.reclaim = reclaim;
            return door;
        } catch (RuntimeException e) {
            reclaim.close();
            workers.close();
            throw e;
        }
    }

    /** This process's name among the replicas sharing the store: {@code pid@host} and a random part (pids are reused). */
    private static String replicaId() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "/"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** Re-posts replies Slack refused earlier and forgets event ids too old to be redelivered. */
    private static void housekeeping(SlackPoster poster, EventLedger ledger) {
        try {
            int reposted = poster.flushOutbox();
            if (reposted > 0) {
                LOG.info("re-posted {} replies from the outbox", reposted);
            }
            ledger.forgetOlderThan(Duration.ofDays(1));
        } catch (RuntimeException e) {
            // housekeeping must never stop the timer that also runs the "working on it" reactions
            LOG.error("Slack housekeeping failed", e);
        }
    }

    private static SlackFrontDoor startHttp(App app, AnswerWorkers workers, Transport transport, SlackRequestGate gate) {
        try {
            startBolt(app);
            SlackHttpEndpoint endpoint = new SlackHttpEndpoint(app, gate, transport.bindAddress(), transport.httpPort(),
                    transport.limits(), transport.otherRoutes());
            LOG.info("Slack HTTP endpoint on {}:{}{}", transport.bindAddress(), endpoint.port(), SlackHttpEndpoint.PATH);
            return new SlackFrontDoor(app, workers, endpoint, null);
        } catch (IOException e) {
            throw new UserError("cannot listen on " + transport.bindAddress() + ":" + transport.httpPort() + ": "
                    + e.getMessage() + " (pick another port with --http)", e);
        }
    }

    /** Bolt checks the bot token with auth.test on start; a bad token or unreachable Slack is the user's to fix. */
    private static void startBolt(App app) {
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new UserError("Slack did not accept the bot token (" + e.getMessage() + "); check SLACK_BOT_TOKEN"
                    + " and slack.api-url", e);
        }
    }

    private static SlackFrontDoor startSocketMode(App app, AnswerWorkers workers, SlackTokens tokens) {
        try {
            SocketModeApp socket = new SocketModeApp(tokens.appToken(), app);
            socket.startAsync();
            LOG.info("Slack Socket Mode connected");
            return new SlackFrontDoor(app, workers, null, socket);
        } catch (Exception e) {
            throw new UserError("cannot connect to Slack over Socket Mode: " + e.getMessage()
                    + " (check SLACK_APP_TOKEN, an xapp- token with connections:write)", e);
        }
    }

    static com.slack.api.SlackConfig sdkConfig(SlackConfig config) {
        com.slack.api.SlackConfig sdk = new com.slack.api.SlackConfig();
        String url = config.apiUrl();
        sdk.setMethodsEndpointUrlPrefix(url.endsWith("/") ? url : url + "/");
        // the SDK's metrics run background threads czar does not use
        sdk.setStatsEnabled(false);
        sdk.getMethodsConfig().setStatsEnabled(false);
        return sdk;
    }

    /** The gateway this front door receives through and czar's features send through (digests, charts, notices). */
    public SlackGateway gateway() {
        return gateway;
    }

    /** How the deliveries so far ended (answered, ignored, repeated …). */
    DeliveryTally tally() {
        return tally;
    }

    /** How many questions left unanswered by a stopped czar (this home's previous run, or a replica) were queued at start. */
    int resumedAtStart() {
        return resumedAtStart;
    }

    /** The HTTP endpoint's port, or -1 under Socket Mode. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public String transportName() {
        return http != null ? "HTTP " + SlackHttpEndpoint.PATH : "Socket Mode";
    }

    @Override
    public void close() {
        if (reclaim != null) {
            reclaim.close();
        }
        if (http != null) {
            http.close();
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (Exception e) {
                LOG.warn("closing Socket Mode: {}", e.toString());
            }
        }
        workers.close();
        app.stop();
    }
}
