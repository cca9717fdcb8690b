package dev.czar.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code czar mcp}, the MCP server each preset agent gets (issue 21).
 *
 * @param enabled       give agents the server; off = no token, no server, the agents run as before
 * @param command       the czar program that serves it; empty = this czar's own java and class path. czar appends
 *                      {@code mcp --home H --repo R [--config F]}
 * @param askWait       how long {@code ask_human} waits for an answer before telling the agent to end its turn (the
 *                      answer then resumes its session)
 * @param maxInputChars the longest text a tool takes (a question, a progress line, a summary); longer is refused
 */
public record McpConfig(Boolean enabled, List<String> command, String askWait, Integer maxInputChars) {
    public McpConfig {
        enabled = enabled == null || enabled;
        command = command != null ? List.copyOf(command) : List.of();
        askWait = askWait != null && !askWait.isBlank() ? askWait.strip() : "2m";
        maxInputChars = maxInputChars != null ? maxInputChars : 4000;
        if (maxInputChars < 100 || maxInputChars > 100_000) {
            throw new IllegalArgumentException("mcp.max-input-chars must be between 100 and 100000, not " + maxInputChars);
        }
        if (WorkersConfig.parseDuration(askWait) == null) {
            throw new IllegalArgumentException("mcp.ask-wait is not a duration like 90s or 2m: " + askWait);
        }
    }

    public Duration askWaitDuration() {
        return WorkersConfig.parseDuration(askWait);
    }
}
