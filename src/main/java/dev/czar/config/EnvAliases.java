package dev.czar.config;

import java.util.Map;

/**
 * Conventional env var names that users of Slack and GitHub tooling already have set. They override the same
 * keys as the generic {@code CZAR_*} names, which take precedence when both are present.
 */
final class EnvAliases {
    private static final Map<String, String> ALIASES = Map.of(
            "ci.github.api-url", "CZAR_GITHUB_API_URL",
            "ci.github.repo", "CZAR_GITHUB_REPO");

    private EnvAliases() {
    }

    static String lookup(String dottedKey, Map<String, String> env) {
        String alias = ALIASES.get(dottedKey);
        return alias == null ? null : env.get(alias);
    }
}
