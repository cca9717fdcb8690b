package dev.czar.cli;

import dev.czar.agent.Redactor;
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
 * Later features and external checks rely on these names; add fields, never rename them. Text from outside czar
 * (commit subjects, branch names, worker output) is shown as {@link Redactor#displayable}: masked, without control
 * characters.
 */
record AnswerJson(String intent, String answer, List<Evidence> evidence, List<ToolCall> toolCalls, int llmCalls,
                  List<String> unverified, Tokens tokens) {
    static String write(Answer answer) {
        Redactor r = Redactor.INSTANCE;
        List<Evidence> evidence = answer.evidence().stream()
                .map(e -> new Evidence(e.source(), r.displayable(e.ref()), r.displayable(e.detail()), r.displayable(e.url())))
                .toList();
        return Json.write(new AnswerJson(answer.intent().name(), r.displayable(answer.text()), evidence, answer.toolCalls(),
                answer.llmCalls(), answer.unverified().stream().map(r::displayable).toList(), answer.tokens()));
    }
}
