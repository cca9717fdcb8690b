package dev.czar.config;

import java.util.Map;

/**
 * Conventional env var names that users of Slack and GitHub tooling already have set. They override the same
 * keys as the generic {@code CZAR_*} names, which take precedence when both are present.
 */
final class EnvAliases {
    private static final Map<String, String> ALIASES = Map.of(
            "ci.github.api-url", "CZAR_GITHUB_API_URL",
            "ci.github.repo", "CZAR_GITHUB_REPO",
            "ci.github.webhook-secret", "CZAR_GITHUB_WEBHOOK_SECRET");

    private EnvAliases() {
    }

    /** The alias env var name for a key, or {@code null} when it has none. */
    static String name(String dottedKey) {
        return ALIASES.get(dottedKey);
    }
}
