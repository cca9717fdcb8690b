package dev.czar.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Collects, for one answer, every evidence tool consulted and every fact read from it. Answerers call tools
 * through {@link #call} so that a tool consulted is always a tool recorded, whether it succeeded or not.
 */
public final class EvidenceLog {
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private final Set<Evidence> evidence = new LinkedHashSet<>();

    /** Runs a tool and records its name and outcome; exceptions propagate after being recorded. */
    public <T> T call(String toolName, Supplier<T> tool) {
        try {
            T result = tool.get();
            toolCalls.add(new ToolCall(toolName, true));
            return result;
        } catch (RuntimeException e) {
            toolCalls.add(new ToolCall(toolName, false));
            throw e;
        }
    }

    public void cite(Evidence item) {
        evidence.add(item);
    }

    /** Takes over what another answer consulted and cited, e.g. when a command delegates to the status path. */
    public void absorb(Answer other) {
        toolCalls.addAll(other.toolCalls());
        evidence.addAll(other.evidence());
    }

    public List<Evidence> evidence() {
        return List.copyOf(evidence);
    }

    public List<ToolCall> toolCalls() {
        return List.copyOf(toolCalls);
    }
}
