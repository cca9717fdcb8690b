package dev.czar.slack;

import java.util.Map;

/**
 * The Slack secrets, read from the environment only. {@link #toString()} never shows them, so a token cannot leak
 * into a log line by accident.
 *
 * @param botToken      {@code SLACK_BOT_TOKEN} ({@code xoxb-…}), needed by both transports
 * @param appToken      {@code SLACK_APP_TOKEN} ({@code xapp-…}), needed by Socket Mode
 * @param signingSecret {@code SLACK_SIGNING_SECRET}, needed by the HTTP transport to verify requests
 */
public record SlackTokens(String botToken, String appToken, String signingSecret) {
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";

    public static SlackTokens fromEnv(Map<String, String> env) {
        return new SlackTokens(blankToNull(env.get(BOT_TOKEN)), blankToNull(env.get(APP_TOKEN)),
                blankToNull(env.get(SIGNING_SECRET)));
    }

    /**
     * What is missing to run the chosen transport, as one line for the user, or {@code null} when all is set.
     *
     * @param http whether the HTTP transport was asked for ({@code --http PORT}) rather than Socket Mode
     */
    public String missingFor(boolean http) {
        String needed = http ? SIGNING_SECRET : APP_TOKEN;
        boolean haveTransportSecret = http ? signingSecret != null : appToken != null;
        if (botToken != null && haveTransportSecret) {
            return null;
        }
        String what = botToken == null && !haveTransportSecret ? BOT_TOKEN + " and " + needed
                : botToken == null ? BOT_TOKEN : needed;
        String mode = http ? "the HTTP transport (--http PORT)" : "Socket Mode (or use --http PORT with " + SIGNING_SECRET + ")";
        return "Slack is not configured: set " + what + " for " + mode
                + "; see README 'Slack setup'. To talk to czar without Slack, run 'czar chat'.";
    }

    @Override
    public String toString() {
        return "SlackTokens[bot=" + shown(botToken) + ", app=" + shown(appToken) + ", signing=" + shown(signingSecret) + "]";
    }

    private static String shown(String secret) {
        return secret == null ? "unset" : "set";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
