package dev.czar.config;

import java.util.List;

/**
 * The read-only web dashboard. Loopback only unless a token is set: binding elsewhere without one is refused.
 *
 * @param port           TCP port (0 = any free port)
 * @param bind           interface address; anything but loopback needs {@code token}
 * @param token          bearer token (or {@code ?token=}) required on non-loopback binds; empty = none
 * @param refreshSeconds how often the page refreshes its fragments
 * @param allowedHosts   further {@code Host} header values the dashboard answers to ({@code host} for any port or
 *                       {@code host:port}), e.g. the name of a reverse proxy in front of it; its own address always is
 */
public record DashboardConfig(Integer port, String bind, String token, Integer refreshSeconds, List<String> allowedHosts) {
    public DashboardConfig {
        port = port != null ? port : 8077;
        bind = bind != null && !bind.isBlank() ? bind : "127.0.0.1";
        token = token != null ? token : "";
        refreshSeconds = refreshSeconds != null ? refreshSeconds : 10;
        allowedHosts = allowedHosts != null ? List.copyOf(allowedHosts) : List.of();
    }

    public DashboardConfig(Integer port, String bind, String token, Integer refreshSeconds) {
        this(port, bind, token, refreshSeconds, null);
    }

    /** The same settings on another port ({@code czar dashboard --port}). */
    public DashboardConfig onPort(int otherPort) {
        return new DashboardConfig(otherPort, bind, token, refreshSeconds, allowedHosts);
    }
}
