package dev.czar.agent;

import java.util.List;
import java.util.function.Function;

/** Compact tool-result formatting shared by the tool adapters, so prompts stay small. */
final class ToolText {
    /** Items a tool lists before it summarises the rest with a count. */
    static final int MAX_ITEMS = 20;

    private ToolText() {
    }

    /** Appends up to {@code max} items, one per line, then "… and N more" for the rest. */
    static <T> void limited(List<T> items, int max, Function<T, String> line, StringBuilder out) {
        items.stream().limit(max).forEach(item -> out.append('\n').append(line.apply(item)));
        if (items.size() > max) {
            out.append("\n… and ").append(items.size() - max).append(" more (not listed)");
        }
    }

    /** Cuts a result to {@code maxChars}, saying so, so the model knows it did not see everything. */
    static String capped(String result, int maxChars) {
        if (result.length() <= maxChars) {
            return result;
        }
        return result.substring(0, maxChars) + "\n… (result cut at " + maxChars + " of " + result.length() + " chars)";
    }
}
