package dev.czar.workers;

import dev.czar.config.AgentSettings;
import dev.czar.workers.agents.AgentAdapter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds an agent's program: {@code workers.agents.<name>.executable}, else its default name on PATH. */
final class AgentExecutables {
    private AgentExecutables() {
    }

    static Optional<String> find(AgentAdapter adapter, AgentSettings settings) {
        String wanted = settings.executable() != null ? settings.executable() : adapter.defaultExecutable();
        if (wanted.isBlank()) {
            return Optional.empty();
        }
        if (wanted.contains(File.separator)) {
            Path path = Path.of(wanted).toAbsolutePath();
            return Files.isExecutable(path) ? Optional.of(path.toString()) : Optional.empty();
        }
        String pathVar = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, wanted);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** The one-line error for a missing program, naming the agent and how to install it. */
    static String missing(AgentAdapter adapter, AgentSettings settings) {
        String wanted = settings.executable() != null ? settings.executable() : adapter.defaultExecutable();
        return "the " + adapter.name() + " agent's executable '" + wanted + "' was not found"
                + (wanted.contains(File.separator) ? "" : " on PATH") + "; install it: " + adapter.installHint();
    }
}
