package dev.czar.config;

/**
 * Slack front door. Off unless {@code SLACK_BOT_TOKEN} is set when {@code czar serve} starts.
 *
 * @param apiUrl Slack Web API base URL; overridable for tests and local stubs
 */
public record SlackConfig(String apiUrl) {
    public SlackConfig {
        apiUrl = apiUrl != null && !apiUrl.isBlank() ? apiUrl.strip() : "https://slack.com/api/";
    }
}
