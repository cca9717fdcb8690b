package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.chat.Message;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.workers.WorkerException;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs a CLI verb through the same command pipeline as its chat command (access, confirmation, audit of every
 * outcome), then renders the result the command-line way: the text on stdout, or one {@code czar:} line.
 */
final class LocalCommands {
    private LocalCommands() {
    }

    /**
     * @param arguments what the audit log records as the arguments (e.g. the workstream name)
     * @param action    the verb's work; a {@link WorkerException} is the user's to fix, anything else is a bug
     */
    static String run(CzarApp app, Clock clock, CommandSpec spec, String arguments, Supplier<String> action) {
        Message typed = new Message((spec.name() + " " + arguments).strip(), CzarCommand.localUser(), "cli", null,
                clock.instant());
        CommandRequest request = new CommandRequest(spec.name(), words(arguments), arguments, typed);
        CommandResult result = app.chat().run(request, spec, (r, log) -> {
            try {
                return CommandResult.ok(action.get());
            } catch (WorkerException e) {
                return new CommandResult("failed", e.getMessage(), null, e, null);
            }
        });
        return rendered(spec, result);
    }

    private static String rendered(CommandSpec spec, CommandResult result) {
        if (result.outcome().equals("ok")) {
            return result.text();
        }
        if (result.outcome().equals("refused") && result.heldRole() != null) {
            throw new UserError("'" + spec.name() + "' needs the " + lower(spec.requiredRole().name())
                    + " role; access.local-role gives you " + lower(result.heldRole().name()));
        }
        if (result.error() instanceof WorkerException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (result.error() != null) {
            throw result.error(); // not the user's to fix: the CLI reports an internal error, the audit log has the row
        }
        throw new UserError(result.text());
    }

    private static List<String> words(String arguments) {
        return arguments.isBlank() ? List.of() : Arrays.asList(arguments.strip().split("\\s+"));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
