package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.command.AccessPolicy;
import dev.czar.command.CommandSpec;
import dev.czar.command.Role;
import dev.czar.store.AuditLog;
import dev.czar.workers.WorkerException;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Runs a CLI subcommand under the same rules as its chat command: the spec's role is checked against the local
 * user's role ({@code access.local-role}), and the request is audited whatever its outcome.
 */
final class LocalCommands {
    private LocalCommands() {
    }

    static String run(CzarApp app, Clock clock, CommandSpec spec, String arguments, Supplier<String> action) {
        String user = CzarCommand.localUser();
        AuditLog audit = new AuditLog(app.database(), clock);
        Role role = new AccessPolicy(app.config().access()).roleOf(user);
        if (!role.covers(spec.requiredRole())) {
            audit.record(user, "cli", spec.name(), arguments, "refused", "role " + role);
            throw new UserError("'" + spec.name() + "' needs the " + spec.requiredRole().name().toLowerCase()
                    + " role; access.local-role gives you " + role.name().toLowerCase());
        }
        try {
            String result = action.get();
            audit.record(user, "cli", spec.name(), arguments, "ok", null);
            return result;
        } catch (WorkerException e) {
            audit.record(user, "cli", spec.name(), arguments, "failed", e.getMessage());
            throw new UserError(e.getMessage(), e);
        }
    }
}
