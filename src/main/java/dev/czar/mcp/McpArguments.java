package dev.czar.mcp;

import dev.czar.agent.Redactor;
import dev.czar.chat.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one tool call, checked like a chat message: each text within {@code mcp.max-input-chars}, and
 * redacted (tokens and keys masked) before czar stores or shows it.
 */
final class McpArguments {
    private final Map<String, Object> values;
    private final int maxChars;

    McpArguments(Map<String, Object> values, int maxChars) {
        this.values = values == null ? Map.of() : values;
        this.maxChars = maxChars;
        int total = Json.write(this.values).length();
        if (total > maxChars * 2) {
            throw new McpRefusal("the arguments are " + total + " characters; at most " + maxChars * 2
                    + " (mcp.max-input-chars)");
        }
    }

    /** A required text argument, stripped and redacted. */
    String text(String name) {
        String value = optional(name);
        if (value == null || value.isBlank()) {
            throw new McpRefusal("'" + name + "' is required");
        }
        return value;
    }

    /** An optional text argument, or {@code null}. */
    String optional(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new McpRefusal("'" + name + "' must be a string");
        }
        return checked(name, text);
    }

    List<String> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new McpRefusal("'" + name + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            out.add(checked(name, String.valueOf(item)));
        }
        return out;
    }

    /** The arguments as the audit log keeps them: redacted, one line. */
    String audited() {
        return Redactor.INSTANCE.redact(Json.write(values));
    }

    private String checked(String name, String text) {
        if (text.length() > maxChars) {
            throw new McpRefusal("'" + name + "' is " + text.length() + " characters; at most " + maxChars
                    + " (mcp.max-input-chars)");
        }
        return Redactor.INSTANCE.displayable(text.strip());
    }
}
