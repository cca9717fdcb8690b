package dev.czar.agent;

import dev.czar.intent.Intent;
import dev.czar.intent.IntentRefiner;
import dev.czar.intent.MessageText;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The LLM tier of intent routing. The deterministic router only offers messages it defaulted to STATUS; of
 * those, a message that reads as a question or names the work stays STATUS without a round trip, and only the
 * rest (e.g. "nice weather in Berlin") is classified by the model, as STATUS or CONVERSATION, never COMMAND.
 * Any failure keeps the router's proposal. The round trip is billed to the answer that follows on this thread.
 */
final class LlmIntentRefiner implements IntentRefiner {
    private static final Logger LOG = LoggerFactory.getLogger(LlmIntentRefiner.class);
    private static final Pattern CLEARLY_STATUS = Pattern.compile(
            "\\?|^(what|which|who|when|where|why|how|is|are|was|were|did|does|do|has|have|had|should|any|show|list|tell)\\b"
                    + "|\\b(branch|branches|commit|commits|merge|merged|status|change|changed|changes|diff|landed|main|master"
                    + "|ci|build|test|tests|worker|workers|agent|agents|review|reviews|token|tokens|bench|benchmark|pr|ahead|behind)\\b");

    private final ResilientChatModel model;
    private final PendingCalls pending;

    LlmIntentRefiner(ResilientChatModel model, PendingCalls pending) {
        this.model = model;
        this.pending = pending;
    }

    @Override
    public Intent refine(String cleanedText, Intent proposed) {
        if (CLEARLY_STATUS.matcher(MessageText.folded(cleanedText)).find()) {
            return proposed;
        }
        try {
            ChatRequest request = ChatRequest.builder().messages(List.of(
                    SystemMessage.from(Prompts.load("intent-refiner.md", Map.of())),
                    UserMessage.from(Redactor.INSTANCE.redact(cleanedText)))).build();
            String reply = model.chat(request, pending.current()).aiMessage().text();
            String word = reply == null ? "" : reply.strip().toUpperCase(Locale.ROOT);
            if (word.startsWith("CONVERSATION")) {
                return Intent.CONVERSATION;
            }
            return word.startsWith("STATUS") ? Intent.STATUS : proposed;
        } catch (RuntimeException e) {
            LOG.warn("intent refinement failed, keeping {}: {}", proposed, e.getMessage());
            return proposed;
        }
    }
}
