package dev.czar.agent;

/**
 * The kinds of credential czar recognises. {@link #id} is the label in the masked form {@code [REDACTED:<id>]};
 * {@link #title} is how a review finding names it.
 */
public enum SecretKind {
    PRIVATE_KEY("private-key", "private key"),
    SLACK_TOKEN("slack-token", "Slack token"),
    SLACK_WEBHOOK("slack-webhook", "Slack webhook URL"),
    GITHUB_TOKEN("github-token", "GitHub token"),
    ANTHROPIC_KEY("anthropic-key", "API key"),
    OPENAI_KEY("openai-key", "API key"),
    AWS_ACCESS_KEY("aws-access-key", "AWS access key id"),
    AWS_SECRET_KEY("aws-secret-key", "AWS secret access key"),
    GOOGLE_API_KEY("google-api-key", "Google API key"),
    JWT("jwt", "JWT"),
    URL_PASSWORD("url-password", "password in URL"),
    BEARER("bearer", "bearer token"),
    /** A value assigned to a secret-sounding name ({@code DB_PASSWORD=…}, {@code "client_secret": "…"}). */
    SECRET("secret", "password");

    private final String id;
    private final String title;

    SecretKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }
}
