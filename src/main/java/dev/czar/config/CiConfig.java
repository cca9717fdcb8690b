package dev.czar.config;

/** CI evidence sources. GitHub Actions stays off while {@code ci.github.repo} is empty. */
public record CiConfig(GithubConfig github) {
    public CiConfig {
        github = github != null ? github : new GithubConfig(null, null);
    }

    /**
     * @param repo   {@code owner/name} of the repository on GitHub; empty disables GitHub Actions evidence
     * @param apiUrl REST API base URL; change it for GitHub Enterprise
     */
    public record GithubConfig(String repo, String apiUrl) {
        public GithubConfig {
            repo = repo != null ? repo.strip() : "";
            apiUrl = apiUrl != null && !apiUrl.isBlank() ? apiUrl.strip() : "https://api.github.com";
        }

        public boolean enabled() {
            return !repo.isEmpty();
        }
    }
}
