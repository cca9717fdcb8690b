package dev.czar.web;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;

/**
 * An embedded Jetty 12 server for one front door (Slack events, the dashboard): one connector on one address, a
 * bounded thread pool with a bounded queue, header and body size limits, an idle timeout and a deadline for each
 * request ({@link RequestDeadlines}). Routes receive complete requests ({@link RouteHandler}).
 */
public final class WebServer implements AutoCloseable {
    /** Work waiting for a thread beyond this is refused rather than queued without end. */
    private static final int QUEUE_CAPACITY = 256;

    private final Server server;
    private final ServerConnector connector;

    private WebServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts serving {@code route} on {@code host:port}.
     *
     * @param name names the threads ({@code czar-NAME-N}) and the log lines
     * @throws IOException when the address cannot be bound (port taken, not an address of this machine)
     */
    public static WebServer start(String name, String host, int port, HttpLimits limits, Route route) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 2, 60_000, 0,
                new BlockingArrayQueue<>(QUEUE_CAPACITY, 0, QUEUE_CAPACITY), null);
        threads.setName("czar-" + name);
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // one acceptor and one selector: the pool keeps the rest for requests
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        RequestDeadlines deadlines = new RequestDeadlines(server.getScheduler(), limits.requestDeadline());
        connector.addBean(deadlines);
        server.addConnector(connector);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        server.setErrorHandler(errors);
        server.setHandler(new RouteHandler(name, route, limits.maxBodyBytes(), deadlines, threads));
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("cannot start the " + name + " server: " + e, e);
        }
        return new WebServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is usually on its way out
            org.slf4j.LoggerFactory.getLogger(WebServer.class).warn("stopping the HTTP server: {}", e.toString());
        }
    }
}
