package dev.czar;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a front door resolved from flags and env before start-up.
 *
 * @param repo       repository to supervise
 * @param home       state directory
 * @param configFile YAML config, or {@code null} to run on defaults (plus env overrides)
 * @param env        environment variables (injectable for tests)
 * @param clock      the one clock
 */
public record StartOptions(Path repo, Path home, Path configFile, Map<String, String> env, Clock clock) {
}
