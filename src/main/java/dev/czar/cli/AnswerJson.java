package dev.czar.cli;

import dev.czar.chat.Answer;
import dev.czar.chat.Evidence;
import dev.czar.chat.Json;
import dev.czar.chat.ToolCall;
import dev.czar.chat.Tokens;

import java.util.List;

/**
 * The stable {@code ask --json} contract:
 * {@code {"intent", "answer", "evidence": [{"source","ref","detail","url"}], "tool_calls": [{"name","ok"}], "llm_calls",
 * "unverified": [claim...], "tokens": {"input","output"}}}.
 * Later features and external checks rely on these names; add fields, never rename them.
 */
record AnswerJson(String intent, String answer, List<Evidence> evidence, List<ToolCall> toolCalls, int llmCalls,
                  List<String> unverified, Tokens tokens) {
    static String write(Answer answer) {
        return Json.write(new AnswerJson(answer.intent().name(), answer.text(), answer.evidence(), answer.toolCalls(),
                answer.llmCalls(), answer.unverified(), answer.tokens()));
    }
}
