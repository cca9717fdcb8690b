package dev.czar.config;

/**
 * CI evidence sources. GitHub Actions stays off while {@code ci.github.repo} is empty.
 *
 * @param maxReportBytes largest JUnit XML report {@code czar ci import-junit} reads; larger files are refused
 */
public record CiConfig(GithubConfig github, Long maxReportBytes) {
    public static final long DEFAULT_MAX_REPORT_BYTES = 256L << 20;

    public CiConfig {
        github = github != null ? github : new GithubConfig(null, null);
        maxReportBytes = maxReportBytes != null ? maxReportBytes : DEFAULT_MAX_REPORT_BYTES;
    }

    public CiConfig(GithubConfig github) {
        this(github, null);
    }

    /**
     * @param repo   {@code owner/name} of the repository on GitHub; empty disables GitHub Actions evidence
     * @param apiUrl REST API base URL; change it for GitHub Enterprise
     * @param timeoutSeconds per-request timeout (1-120)
     * @param maxAttempts    attempts per request on network errors and 5xx, retries included (1-10)
     * @param webhookSecret  the secret GitHub signs webhook deliveries with ({@code X-Hub-Signature-256}); empty keeps
     *                       {@code /github/webhook} off
     */
    public record GithubConfig(String repo, String apiUrl, Integer timeoutSeconds, Integer maxAttempts,
                               String webhookSecret) {
        public GithubConfig {
            repo = repo != null ? repo.strip() : "";
            apiUrl = apiUrl != null && !apiUrl.isBlank() ? apiUrl.strip() : "https://api.github.com";
            timeoutSeconds = timeoutSeconds != null ? timeoutSeconds : 10;
            maxAttempts = maxAttempts != null ? maxAttempts : 3;
            webhookSecret = webhookSecret != null ? webhookSecret.strip() : "";
        }

        public GithubConfig(String repo, String apiUrl, Integer timeoutSeconds, Integer maxAttempts) {
            this(repo, apiUrl, timeoutSeconds, maxAttempts, null);
        }

        /** Webhooks are served only with a secret to verify them and a repository to apply them to. */
        public boolean webhooksOn() {
            return enabled() && !webhookSecret.isEmpty();
        }

        /** Never prints the webhook secret (config objects may end up in a log line). */
        @Override
        public String toString() {
            return "GithubConfig[repo=" + repo + ", apiUrl=" + apiUrl + ", timeoutSeconds=" + timeoutSeconds
                    + ", maxAttempts=" + maxAttempts + ", webhookSecret=" + (webhookSecret.isEmpty() ? "none" : "set") + "]";
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
