package dev.czar.web;

import java.time.Duration;

/**
 * What one HTTP front door lets a client use. Constants rather than settings: the Slack endpoint and the dashboard
 * serve small requests from a handful of clients, and these bounds are far above what those need while keeping any
 * one client from holding the server (slowloris, endless or huge bodies).
 *
 * @param maxThreads      the server's whole thread pool (acceptor and selector included); requests beyond it wait in
 *                        a bounded queue, and slow clients hold no thread while they trickle bytes
 * @param requestDeadline time a connection gets to deliver a complete request (headers and body), counted from when it
 *                        opened or its previous response was sent; a connection that takes longer is closed
 * @param idleTimeout     a connection silent for this long is closed
 * @param maxBodyBytes    larger request bodies get 413 without being read
 * @param maxHeaderBytes  larger request headers get 431
 */
public record HttpLimits(int maxThreads, Duration requestDeadline, Duration idleTimeout, int maxBodyBytes,
                         int maxHeaderBytes) {
    /** Slack's payloads are a few KB; 1 MiB leaves room for the largest interactivity payloads. */
    public static final HttpLimits SLACK = new HttpLimits(16, Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20, 16 * 1024);
    /** The dashboard takes GETs only, so no body at all is expected. */
    public static final HttpLimits DASHBOARD = new HttpLimits(8, Duration.ofSeconds(10), Duration.ofSeconds(30), 16 * 1024, 16 * 1024);

    public HttpLimits {
        if (maxThreads < 4) {
            throw new IllegalArgumentException("an HTTP front door needs at least 4 threads (acceptor, selector, 2 workers)");
        }
    }
}
