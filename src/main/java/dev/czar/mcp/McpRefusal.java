package dev.czar.mcp;

/** A tool call czar refuses (bad or oversized input, a stale token): told to the agent as one {@code czar:} line. */
final class McpRefusal extends RuntimeException {
    McpRefusal(String message) {
        super(message);
    }
}
