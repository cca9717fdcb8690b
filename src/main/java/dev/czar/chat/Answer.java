package dev.czar.chat;

import dev.czar.intent.Intent;

import java.util.List;

/**
 * What czar says back, with everything it was built from. Front doors render it; {@code ask --json}
 * serialises it as the stable contract.
 *
 * @param intent    how the message was classified
 * @param text      the reply
 * @param evidence  facts the reply states, each traceable to a source
 * @param toolCalls evidence tools consulted, in order
 * @param llmCalls  round trips made to a language model
 */
public record Answer(Intent intent, String text, List<Evidence> evidence, List<ToolCall> toolCalls, int llmCalls) {
    public Answer {
        evidence = List.copyOf(evidence);
        toolCalls = List.copyOf(toolCalls);
    }

    public static Answer conversation(String text) {
        return new Answer(Intent.CONVERSATION, text, List.of(), List.of(), 0);
    }
}
