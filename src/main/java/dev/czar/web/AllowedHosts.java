package dev.czar.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} headers the dashboard answers to. A page on an attacker's domain whose name is re-pointed at
 * 127.0.0.1 (DNS rebinding) reaches the dashboard from the victim's browser with the attacker's name in {@code Host};
 * answering only to the dashboard's own address (its loopback names when bound there, this machine's addresses when
 * bound to all) and to the names listed in {@code dashboard.allowed-hosts} shuts that door. IP literals need no such
 * care: rebinding always goes through a name.
 */
final class AllowedHosts {
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

    /** Host names that are allowed with the dashboard's own port, lower case, IPv6 without brackets. */
    private final Set<String> ownNames;
    /** Configured entries: "host" (any port) or "host:port". */
    private final Set<String> configured;
    private final int port;

    private AllowedHosts(Set<String> ownNames, Set<String> configured, int port) {
        this.ownNames = ownNames;
        this.configured = configured;
        this.port = port;
    }

    static AllowedHosts of(InetAddress bind, int port, List<String> configured) {
        Set<String> own = new LinkedHashSet<>();
        own.add(canonical(bind.getHostAddress()));
        if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
            LOOPBACK_NAMES.forEach(name -> own.add(canonical(name)));
        }
        if (bind.isAnyLocalAddress()) {
            own.addAll(interfaceAddresses());
        }
        own.remove(null);
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : configured) {
            Authority a = Authority.parse(entry.strip());
            if (a != null) {
                entries.add(a.port < 0 ? a.host : a.host + ":" + a.port);
            }
        }
        return new AllowedHosts(own, entries, port);
    }

    /** Whether a request with this {@code Host} header (may be {@code null}) is answered. */
    boolean allows(String hostHeader) {
        Authority a = hostHeader == null ? null : Authority.parse(hostHeader.strip());
        if (a == null) {
            return false;
        }
        int effectivePort = a.port < 0 ? 80 : a.port;
        return (ownNames.contains(a.host) && effectivePort == port) || configured.contains(a.host)
                || configured.contains(a.host + ":" + effectivePort);
    }

    /** How to reach the dashboard by an allowed name, for the refusal. */
    String example() {
        String first = ownNames.iterator().next();
        return (first.contains(":") ? "[" + first + "]" : first) + ":" + port;
    }

    /** host[:port] or [v6]:port, host lower-cased and IPv6 literals in one spelling; {@code null} when malformed. */
    private record Authority(String host, int port) {
        static Authority parse(String text) {
            String host;
            String rest;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    return null;
                }
                host = canonical(text.substring(1, close));
                rest = text.substring(close + 1);
            } else {
                int colon = text.indexOf(':');
                host = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
                rest = colon < 0 ? "" : text.substring(colon);
            }
            if (host == null || host.isEmpty()) {
                return null;
            }
            if (rest.isEmpty()) {
                return new Authority(host, -1);
            }
            if (!rest.startsWith(":") || !rest.substring(1).matches("\\d{1,5}")) {
                return null;
            }
            return new Authority(host, Integer.parseInt(rest.substring(1)));
        }
    }

    /** An IPv6 literal in Java's spelling (no DNS lookup: only literals get here); anything else lower-cased. */
    private static String canonical(String address) {
        String bare = address.contains("%") ? address.substring(0, address.indexOf('%')) : address;
        if (!bare.contains(":")) {
            return bare.toLowerCase(Locale.ROOT);
        }
        if (!bare.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Set<String> interfaceAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    addresses.add(canonical(address.getHostAddress()));
                }
            }
        } catch (SocketException e) {
            // without the list only loopback names and configured hosts are answered: the safe side
        }
        addresses.remove(null);
        return addresses;
    }
}
