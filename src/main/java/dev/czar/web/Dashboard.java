package dev.czar.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The read-only web dashboard on the JDK's HTTP server: {@code /} (the whole page), {@code /fragment/NAME} (one
 * section, for the page's in-place refresh), {@code /chart/BENCHMARK.png} and {@code /health}. Loopback needs no
 * login; any other bind address needs {@code dashboard.token}, and starting without one is refused.
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final HttpServer server;
    private final ExecutorService threads;

    private Dashboard(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
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
        InetAddress address = resolve(config.bind());
        String token = config.token();
        if (!address.isLoopbackAddress() && token.isBlank()) {
            throw new UserError("dashboard.bind " + config.bind() + " is not loopback: set dashboard.token"
                    + " (or CZAR_DASHBOARD_TOKEN) first, or bind 127.0.0.1");
        }
        DashboardView view = new DashboardView(sources.workers(), sources.git(), sources.ci(), sources.bench(),
                sources.audit(), sources.clock());
        String template = template();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, config.port()), 64);
            ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "czar-dashboard");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(threads);
            server.createContext("/", exchange -> handle(exchange, token, view, template, config, sources));
            server.start();
            LOG.info("dashboard on http://{}:{}/", config.bind(), server.getAddress().getPort());
            return new Dashboard(server, threads);
        } catch (IOException e) {
            throw new UserError("cannot serve the dashboard on " + config.bind() + ":" + config.port() + ": " + e.getMessage()
                    + " (set dashboard.port)", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/";
    }

    private static void handle(HttpExchange exchange, String token, DashboardView view, String template,
                               DashboardConfig config, Sources sources) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "read-only dashboard: GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!token.isBlank() && !authorized(exchange, token)) {
                send(exchange, 401, "text/plain", "token required".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", page(template, view, config, sources).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/health")) {
                send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/fragment/")) {
                Optional<String> html = view.fragment(path.substring("/fragment/".length()));
                sendOr404(exchange, "text/html; charset=utf-8", html.map(h -> h.getBytes(StandardCharsets.UTF_8)));
            } else if (path.startsWith("/chart/") && path.endsWith(".png")) {
                String benchmark = URLDecoder.decode(path.substring("/chart/".length(), path.length() - 4), StandardCharsets.UTF_8);
                sendOr404(exchange, "image/png", view.chart(benchmark));
            } else {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            LOG.error("dashboard request {} failed", exchange.getRequestURI().getPath(), e);
            send(exchange, 500, "text/plain", "internal error (see czar's log)".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String page(String template, DashboardView view, DashboardConfig config, Sources sources) {
        String html = template.replace("{{repo}}", Html.text(sources.git().root().getFileName()))
                .replace("{{refresh}}", String.valueOf(Math.max(1, config.refreshSeconds())))
                .replace("{{now}}", Html.text(sources.clock().instant()));
        for (String name : DashboardView.FRAGMENTS) {
            html = html.replace("{{" + name + "}}", view.fragment(name).orElse(""));
        }
        return html;
    }

    private static boolean authorized(HttpExchange exchange, String token) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7) : queryToken(exchange);
        // constant-time comparison: response timing must not reveal how much of a guess was right
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String queryToken(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
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

    private static void sendOr404(HttpExchange exchange, String type, Optional<byte[]> body) throws IOException {
        if (body.isPresent()) {
            send(exchange, 200, type, body.get());
        } else {
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline' 'self';"
                + " style-src 'unsafe-inline'; img-src 'self'");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
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
        server.stop(0);
        threads.shutdownNow();
    }
}
