package dev.czar.command;

import dev.czar.config.AccessConfig;

import java.util.Locale;

/**
 * Decides each user's role from {@code access.*} settings. Local console/CLI users ({@code local:*}) get
 * {@code access.local-role}; chat users are admins or operators when listed, viewers otherwise.
 */
public final class AccessPolicy {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccessPolicy.class);
    public static final String LOCAL_PREFIX = "local:";

    private final AccessConfig config;

    public AccessPolicy(AccessConfig config) {
        this.config = config;
    }

    public Role roleOf(String user) {
        if (user.startsWith(LOCAL_PREFIX)) {
            return Role.valueOf(config.localRole().toUpperCase(Locale.ROOT));
        }
        if (listed(config.admins(), user)) {
            return Role.ADMIN;
        }
        if (listed(config.operators(), user)) {
            return Role.OPERATOR;
        }
        return Role.VIEWER;
    }

    /**
     * The role, failing closed: when it cannot be determined (a broken {@code access.local-role}), the user is
     * treated as a viewer. For decisions that must not fail open without refusing outright: help listings, who may
     * press a confirmation button.
     */
    public Role roleOrViewer(String user) {
        try {
            return roleOf(user);
        } catch (RuntimeException e) {
            LOG.error("access check failed for {}; treated as a viewer", user, e);
            return Role.VIEWER;
        }
    }

    private static boolean listed(java.util.List<String> users, String user) {
        return users.contains("*") || users.contains(user);
    }
}
