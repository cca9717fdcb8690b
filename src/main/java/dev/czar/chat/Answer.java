package dev.czar.chat;

import dev.czar.intent.Intent;

import java.util.List;

/**
 * What czar says back, with everything it was built from. Front doors render it; {@code ask --json}
 * serialises it as the stable contract.
 *
 * @param intent     how the message was classified
 * @param text       the reply
 * @param evidence   facts the reply states, each traceable to a source
 * @param toolCalls  evidence tools consulted, in order
 * @param llmCalls   round trips made to a language model
 * @param unverified claims in the reply (SHAs, run ids, figures) that no tool result of this answer backs;
 *                   the text marks each of them
 * @param tokens     language-model tokens this answer cost
 */
public record Answer(Intent intent, String text, List<Evidence> evidence, List<ToolCall> toolCalls, int llmCalls,
                     List<String> unverified, Tokens tokens) {
    public Answer {
        evidence = List.copyOf(evidence);
        toolCalls = List.copyOf(toolCalls);
        unverified = unverified == null ? List.of() : List.copyOf(unverified);
        tokens = tokens == null ? Tokens.NONE : tokens;
    }

    /** An answer that needed no language model: nothing unverified, no tokens. */
    public Answer(Intent intent, String text, List<Evidence> evidence, List<ToolCall> toolCalls, int llmCalls) {
        this(intent, text, evidence, toolCalls, llmCalls, List.of(), Tokens.NONE);
    }

    public static Answer conversation(String text) {
        return new Answer(Intent.CONVERSATION, text, List.of(), List.of(), 0);
    }

    /** The same answer with other text, everything it was built from kept. */
    public Answer withText(String newText) {
        return new Answer(intent, newText, evidence, toolCalls, llmCalls, unverified, tokens);
    }
}
