package dev.czar.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The commands this build can run. Features register theirs at start-up; nothing else adds commands. */
public final class CommandRegistry {
    /** A command and the code that runs it. */
    public record Registered(CommandSpec spec, CommandHandler handler) {
    }

    private final Map<String, Registered> byVerb = new LinkedHashMap<>();
    private final List<Registered> commands = new ArrayList<>();

    public CommandRegistry register(CommandSpec spec, CommandHandler handler) {
        Registered registered = new Registered(spec, handler);
        for (String verb : verbs(spec)) {
            if (byVerb.putIfAbsent(verb, registered) != null) {
                throw new IllegalStateException("command verb registered twice: " + verb);
            }
        }
        commands.add(registered);
        return this;
    }

    public Optional<Registered> find(String verb) {
        return Optional.ofNullable(byVerb.get(verb));
    }

    /** Registered commands in registration order. */
    public List<Registered> all() {
        return List.copyOf(commands);
    }

    private static List<String> verbs(CommandSpec spec) {
        List<String> verbs = new ArrayList<>(spec.aliases());
        verbs.add(0, spec.name());
        return verbs;
    }
}
