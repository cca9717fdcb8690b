package dev.czar.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

import java.util.List;

/**
 * What the model remembers of a thread: the questions and the checked final answers (not tool results, which
 * go stale and must be fetched again to be cited), windowed to a token budget. Messages outside a thread
 * (one-shot {@code czar ask}, top-level channel messages) start fresh.
 */
final class ThreadMemory {
    private final ChatMemoryStore store;
    private final int maxTokens;

    ThreadMemory(ChatMemoryStore store, int maxTokens) {
        this.store = store;
        this.maxTokens = maxTokens;
    }

    List<ChatMessage> history(String channel, String thread) {
        if (thread == null || maxTokens == 0) {
            return List.of();
        }
        return memory(channel, thread).messages();
    }

    void remember(String channel, String thread, String question, String answer) {
        if (thread == null || maxTokens == 0) {
            return;
        }
        ChatMemory memory = memory(channel, thread);
        memory.add(UserMessage.from(question));
        memory.add(AiMessage.from(answer));
    }

    private ChatMemory memory(String channel, String thread) {
        return TokenWindowChatMemory.builder()
                .id(ThreadMemoryStore.key(channel, thread))
                .maxTokens(maxTokens, new CharTokenEstimator())
                .chatMemoryStore(store)
                .build();
    }

    /** About four characters per token: close enough for a budget, and needs no model-specific tokenizer. */
    static final class CharTokenEstimator implements TokenCountEstimator {
        @Override
        public int estimateTokenCountInText(String text) {
            return text == null ? 0 : (text.length() + 3) / 4;
        }

        @Override
        public int estimateTokenCountInMessage(ChatMessage message) {
            String text = switch (message.type()) {
                case USER -> ((UserMessage) message).singleText();
                case AI -> ((AiMessage) message).text();
                default -> message.toString();
            };
            return 4 + estimateTokenCountInText(text);
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
            int total = 0;
            for (ChatMessage m : messages) {
                total += estimateTokenCountInMessage(m);
            }
            return total;
        }
    }
}
