package dev.czar.web;

import dev.czar.UserError;
import dev.czar.config.DashboardConfig;
import dev.czar.digest.BenchSource;
import dev.czar.digest.CiSource;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.store.AuditLog;
import dev.czar.workers.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only web dashboard on a {@link WebServer}: {@code /} (the whole page), {@code /fragment/NAME} (one
 * section, for the page's in-place refresh), {@code /chart/BENCHMARK.png} and {@code /health}. Loopback needs no
 * login; any other bind address needs {@code dashboard.token}, and starting without one is refused. Requests whose
 * {@code Host} is not the dashboard's own address or listed in {@code dashboard.allowed-hosts} get 421
 * ({@link AllowedHosts}: DNS rebinding).
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final Map<String, List<String>> HEADERS = Map.of(
            "Cache-Control", List.of("no-store"),
            "X-Content-Type-Options", List.of("nosniff"),
            "Content-Security-Policy", List.of("default-src 'self'; script-src 'unsafe-inline' 'self';"
                    + " style-src 'unsafe-inline'; img-src 'self'"));

    private final WebServer server;
    private final String host;

    private Dashboard(WebServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** What the dashboard reads. */
    public record Sources(Workers workers, GitEvidence git, CiSource ci, BenchSource bench, AuditLog audit, Clock clock) {
    }

    /**
     * Starts serving.
     *
     * @throws UserError when binding to a non-loopback address without a token, or the port is taken
     */
    public static Dashboard start(DashboardConfig config, Sources sources) {
        return start(config, sources, HttpLimits.DASHBOARD);
    }

    static Dashboard start(DashboardConfig config, Sources sources, HttpLimits limits) {
        InetAddress address = resolve(config.bind());
        String token = config.token();
        if (!address.isLoopbackAddress() && token.isBlank()) {
            throw new UserError("dashboard.bind " + config.bind() + " is not loopback: set dashboard.token"
                    + " (or CZAR_DASHBOARD_TOKEN) first, or bind 127.0.0.1");
        }
        Routes routes = new Routes(new DashboardView(sources.workers(), sources.git(), sources.ci(), sources.bench(),
                sources.audit(), sources.clock()), template(), config, sources);
        try {
            WebServer server = WebServer.start("dashboard", address.getHostAddress(), config.port(), limits, routes::handle);
            routes.hosts = AllowedHosts.of(address, server.port(), config.allowedHosts());
            String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            LOG.info("dashboard on http://{}:{}/", host, server.port());
            return new Dashboard(server, host);
        } catch (IOException e) {
            throw new UserError("cannot serve the dashboard on " + config.bind() + ":" + config.port() + ": " + e.getMessage()
                    + " (set dashboard.port)", e);
        }
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "http://" + host + ":" + port() + "/";
    }

    /** The dashboard's routes; {@code hosts} is set once the port is known, before the first request can arrive. */
    private static final class Routes {
        private final DashboardView view;
        private final String template;
        private final DashboardConfig config;
        private final Sources sources;
        private volatile AllowedHosts hosts;

        Routes(DashboardView view, String template, DashboardConfig config, Sources sources) {
            this.view = view;
            this.template = template;
            this.config = config;
            this.sources = sources;
        }

        HttpReply handle(HttpCall call) {
            AllowedHosts allowed = hosts;
            if (allowed == null || !allowed.allows(call.header("Host"))) {
                return plain(421, "this dashboard answers only to its own address (" + (allowed == null ? "starting"
                        : allowed.example()) + ") and to the names in dashboard.allowed-hosts");
            }
            if (!"GET".equals(call.method())) {
                return plain(405, "read-only dashboard: GET only");
            }
            if (!config.token().isBlank() && !authorized(call, config.token())) {
                return plain(401, "token required");
            }
            String path = call.path();
            if (path.equals("/")) {
                return found("text/html; charset=utf-8", Optional.of(wholePage().getBytes(StandardCharsets.UTF_8)));
            } else if (path.equals("/health")) {
                return plain(200, "ok");
            } else if (path.startsWith("/fragment/")) {
                return found("text/html; charset=utf-8", view.fragment(path.substring("/fragment/".length()))
                        .map(h -> h.getBytes(StandardCharsets.UTF_8)));
            } else if (path.startsWith("/chart/") && path.endsWith(".png")) {
                String benchmark = URLDecoder.decode(path.substring("/chart/".length(), path.length() - 4), StandardCharsets.UTF_8);
                return found("image/png", view.chart(benchmark));
            }
            return plain(404, "not found");
        }

        private String wholePage() {
            String html = template.replace("{{repo}}", Html.text(sources.git().root().getFileName()))
                    .replace("{{refresh}}", String.valueOf(Math.max(1, config.refreshSeconds())))
                    .replace("{{now}}", Html.text(sources.clock().instant()));
            for (String name : DashboardView.FRAGMENTS) {
                html = html.replace("{{" + name + "}}", view.fragment(name).orElse(""));
            }
            return html;
        }
    }

    private static HttpReply found(String type, Optional<byte[]> body) {
        return body.map(b -> HttpReply.of(200, type, b).withHeaders(HEADERS)).orElseGet(() -> plain(404, "not found"));
    }

    private static HttpReply plain(int status, String text) {
        return HttpReply.text(status, text).withHeaders(HEADERS);
    }

    private static boolean authorized(HttpCall call, String token) {
        String header = call.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7) : queryToken(call.rawQuery());
        // constant-time comparison: response timing must not reveal how much of a guess was right
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String queryToken(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static InetAddress resolve(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserError("dashboard.bind '" + bind + "' is not an address of this machine (use 127.0.0.1)");
        }
    }

    private static String template() {
        try (InputStream in = Dashboard.class.getResourceAsStream("/web/dashboard.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
