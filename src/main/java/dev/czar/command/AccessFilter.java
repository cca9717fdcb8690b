package dev.czar.command;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a command through only when its requester's role covers the spec's. Fails closed: if the check itself
 * breaks, the command is refused "in doubt".
 */
final class AccessFilter implements CommandFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AccessFilter.class);

    private final AccessPolicy access;
    private final AtomicLong checks = new AtomicLong();

    AccessFilter(AccessPolicy access) {
        this.access = access;
    }

    @Override
    public CommandResult apply(CommandCall call, Chain next) {
        checks.incrementAndGet();
        CommandSpec spec = call.spec();
        String user = call.request().message().user();
        Role role;
        try {
            role = access.roleOf(user);
        } catch (RuntimeException e) {
            LOG.error("access check failed for {}", user, e);
            return CommandResult.refused("'" + spec.name() + "' refused: the access check failed, so I refuse in doubt.", null);
        }
        if (role.covers(spec.requiredRole())) {
            return next.proceed(call);
        }
        return CommandResult.refused("'" + spec.name() + "' needs the " + lower(spec.requiredRole()) + " role; you are "
                + lower(role) + ". Ask an admin (access.admins in config/czar.yaml).", role);
    }

    @Override
    public boolean allows(String user, CommandSpec spec) {
        return access.roleOrViewer(user).covers(spec.requiredRole());
    }

    /** Access checks made so far; a message is authorized once however many front-door steps it passes. */
    long checks() {
        return checks.get();
    }

    private static String lower(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
