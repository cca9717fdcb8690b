package dev.czar.config;

/** CI evidence sources. GitHub Actions stays off while {@code ci.github.repo} is empty. */
public record CiConfig(GithubConfig github) {
    public CiConfig {
        github = github != null ? github : new GithubConfig(null, null);
    }

    /**
     * @param repo   {@code owner/name} of the repository on GitHub; empty disables GitHub Actions evidence
     * @param apiUrl REST API base URL; change it for GitHub Enterprise
     * @param timeoutSeconds per-request timeout (1-120)
     * @param maxAttempts    attempts per request on network errors and 5xx, retries included (1-10)
     */
    public record GithubConfig(String repo, String apiUrl, Integer timeoutSeconds, Integer maxAttempts) {
        public GithubConfig {
            repo = repo != null ? repo.strip() : "";
            apiUrl = apiUrl != null && !apiUrl.isBlank() ? apiUrl.strip() : "https://api.github.com";
            timeoutSeconds = timeoutSeconds != null ? timeoutSeconds : 10;
            maxAttempts = maxAttempts != null ? maxAttempts : 3;
        }

        /** Repo and API URL with default timeout and attempts (the shape other features construct). */
        public GithubConfig(String repo, String apiUrl) {
            this(repo, apiUrl, null, null);
        }

        public boolean enabled() {
            return !repo.isEmpty();
        }
    }
}
