package dev.czar.command;

import java.util.List;

/**
 * Everything czar knows about one command, in one place: help text, the access check and the audit all read it.
 *
 * @param name         the verb, as typed
 * @param aliases      other verbs that mean the same
 * @param syntax       usage line, e.g. {@code kill <worker>}
 * @param help         one sentence on what it does
 * @param requiredRole least role allowed to run it
 * @param destructive  whether it changes or stops work in a way that needs confirmation
 */
public record CommandSpec(String name, List<String> aliases, String syntax, String help, Role requiredRole,
                          boolean destructive) {
    public CommandSpec {
        aliases = List.copyOf(aliases);
    }
}
