package dev.czar.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --repo}, {@code --home} and {@code --config}, mixed into the root command and every subcommand so they
 * work before or after the subcommand name. A flag beats its env var ({@code CZAR_REPO}, {@code CZAR_HOME},
 * {@code CZAR_CONFIG}), which beats the default.
 */
public final class GlobalOptions {
    static final Path DEFAULT_CONFIG = Path.of("config", "czar.yaml");

    @Option(names = "--repo", paramLabel = "PATH",
            description = "Git repository to supervise (env CZAR_REPO; default: current directory).")
    Path repo;

    @Option(names = "--home", paramLabel = "DIR",
            description = "State directory: database, logs, artifacts (env CZAR_HOME; default: ./.czar).")
    Path home;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (env CZAR_CONFIG; default: config/czar.yaml if present).")
    Path config;

    static Path repo(GlobalOptions sub, GlobalOptions root, Map<String, String> env) {
        return pick(sub.repo, root.repo, env.get("CZAR_REPO"), Path.of("."));
    }

    static Path home(GlobalOptions sub, GlobalOptions root, Map<String, String> env) {
        return pick(sub.home, root.home, env.get("CZAR_HOME"), Path.of(".czar"));
    }

    /** The config file to load, or {@code null} when none was named and the default file is absent. */
    static Path config(GlobalOptions sub, GlobalOptions root, Map<String, String> env) {
        Path named = pick(sub.config, root.config, env.get("CZAR_CONFIG"), null);
        if (named != null) {
            return named;
        }
        return Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
    }

    private static Path pick(Path sub, Path root, String env, Path fallback) {
        if (sub != null) {
            return sub;
        }
        if (root != null) {
            return root;
        }
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return fallback;
    }
}
