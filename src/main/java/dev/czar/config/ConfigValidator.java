package dev.czar.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/** Checks values that parse but make no sense, naming the key and the accepted values. */
final class ConfigValidator {
    private static final Set<String> PROVIDERS = Set.of("none", "openai", "anthropic", "ollama");
    private static final Set<String> ROLES = Set.of("admin", "operator", "viewer");

    private ConfigValidator() {
    }

    static void validate(CzarConfig config, String origin) {
        if (!PROVIDERS.contains(config.llm().provider())) {
            fail(origin, "llm.provider", "must be one of none, openai, anthropic, ollama; got '" + config.llm().provider() + "'");
        }
        if (config.chat().maxMessageChars() < 100) {
            fail(origin, "chat.max-message-chars", "must be at least 100; got " + config.chat().maxMessageChars());
        }
        if (config.git().recentCommits() < 1 || config.git().recentCommits() > 500) {
            fail(origin, "git.recent-commits", "must be between 1 and 500; got " + config.git().recentCommits());
        }
        if (!ROLES.contains(config.access().localRole())) {
            fail(origin, "access.local-role", "must be admin, operator or viewer; got '" + config.access().localRole() + "'");
        }
        if (!"system".equals(config.chat().timeZone())) {
            try {
                ZoneId.of(config.chat().timeZone());
            } catch (DateTimeException e) {
                fail(origin, "chat.time-zone", "must be 'system' or an IANA zone such as Europe/Berlin; got '" + config.chat().timeZone() + "'");
            }
        }
        checkUrl(origin, "slack.api-url", config.slack().apiUrl());
        checkUrl(origin, "ci.github.api-url", config.ci().github().apiUrl());
        if (!config.llm().baseUrl().isEmpty()) {
            checkUrl(origin, "llm.base-url", config.llm().baseUrl());
        }
        var github = config.ci().github();
        if (github.timeoutSeconds() < 1 || github.timeoutSeconds() > 120) {
            fail(origin, "ci.github.timeout-seconds", "must be between 1 and 120; got " + github.timeoutSeconds());
        }
        if (github.maxAttempts() < 1 || github.maxAttempts() > 10) {
            fail(origin, "ci.github.max-attempts", "must be between 1 and 10; got " + github.maxAttempts());
        }
        if (config.bench().baselineRuns() < 1 || config.bench().baselineRuns() > 100) {
            fail(origin, "bench.baseline-runs", "must be between 1 and 100; got " + config.bench().baselineRuns());
        }
        if (config.bench().minNoisePercent() < 0 || config.bench().minNoisePercent() > 100) {
            fail(origin, "bench.min-noise-percent", "must be between 0 and 100; got " + config.bench().minNoisePercent());
        }
        String repo = config.ci().github().repo();
        if (!repo.isEmpty() && !repo.matches("[\\w.-]+/[\\w.-]+")) {
            fail(origin, "ci.github.repo", "must look like owner/name; got '" + repo + "'");
        }
    }

    private static void checkUrl(String origin, String key, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                fail(origin, key, "must be an http(s) URL; got '" + value + "'");
            }
        } catch (IllegalArgumentException e) {
            fail(origin, key, "must be an http(s) URL; got '" + value + "'");
        }
    }

    private static void fail(String origin, String key, String problem) {
        throw new ConfigException(origin + ": '" + key + "' " + problem);
    }
}
