package dev.czar.config;

/**
 * The read-only web dashboard. Loopback only unless a token is set: binding elsewhere without one is refused.
 *
 * @param port           TCP port (0 = any free port)
 * @param bind           interface address; anything but loopback needs {@code token}
 * @param token          bearer token (or {@code ?token=}) required on non-loopback binds; empty = none
 * @param refreshSeconds how often the page refreshes its fragments
 */
public record DashboardConfig(Integer port, String bind, String token, Integer refreshSeconds) {
    public DashboardConfig {
        port = port != null ? port : 8077;
        bind = bind != null && !bind.isBlank() ? bind : "127.0.0.1";
        token = token != null ? token : "";
        refreshSeconds = refreshSeconds != null ? refreshSeconds : 10;
    }
}
