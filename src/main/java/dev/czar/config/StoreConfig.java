package dev.czar.config;

/**
 * Where czar keeps its state (issue 23).
 *
 * @param url empty = the embedded H2 file database under the home (the default); {@code jdbc:postgresql://host/db} =
 *            a PostgreSQL server several czar processes share. Its user and password come from the environment only
 *            ({@code CZAR_STORE_USER}, {@code CZAR_STORE_PASSWORD}), never from this file.
 */
public record StoreConfig(String url) {
    public StoreConfig {
        url = url != null ? url.strip() : "";
        // checked first, so that the refusal below never echoes a password
        if (url.matches("(?i).*[?&]password=.*")) {
            throw new IllegalArgumentException("store.url must not carry a password: set CZAR_STORE_PASSWORD instead");
        }
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("store.url must be empty (the H2 file database under the home) or a"
                    + " jdbc:postgresql:// URL, not " + url);
        }
    }

    /** Whether the state lives on a PostgreSQL server instead of the home's H2 file. */
    public boolean onServer() {
        return !url.isEmpty();
    }
}
