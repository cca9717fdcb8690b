package dev.czar.chat;

/** An evidence tool that was consulted while answering, and whether it answered. */
public record ToolCall(String name, boolean ok) {
}
