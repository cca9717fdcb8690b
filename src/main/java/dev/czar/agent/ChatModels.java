package dev.czar.agent;

import dev.czar.config.LlmConfig;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.time.Duration;

/**
 * Builds the LangChain4j chat model that {@code llm.provider} names. All providers talk through
 * {@link ProviderHttpClient} (redaction, Retry-After) and have their own retries switched off: retrying is
 * {@link ResilientChatModel}'s job, so that every round trip is counted and the breaker sees every failure.
 */
public final class ChatModels {
    static final String OPENAI_DEFAULT_URL = "https://api.openai.com/v1";
    static final String ANTHROPIC_DEFAULT_URL = "https://api.anthropic.com/v1";
    /** Ollama is reached through its OpenAI-compatible endpoint, which supports tool calls. */
    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434/v1";

    private ChatModels() {
    }

    /** The provider's chat model for {@code config}; the agent wraps it in its resilience, reviews use it as is. */
    public static ChatModel create(LlmConfig config) {
        Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
        HttpClientBuilder http = ProviderHttpClient.builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(timeout);
        return switch (config.provider()) {
            case "openai", "ollama" -> OpenAiChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(orDefault(config.baseUrl(), "ollama".equals(config.provider()) ? OLLAMA_DEFAULT_URL : OPENAI_DEFAULT_URL))
                    // local servers ignore the key, but the client refuses to start without one
                    .apiKey(config.apiKey().isEmpty() ? "not-needed" : config.apiKey())
                    .modelName(config.model())
                    .maxTokens(config.maxOutputTokens())
                    .temperature(0.0)
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            case "anthropic" -> AnthropicChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(orDefault(config.baseUrl(), ANTHROPIC_DEFAULT_URL))
                    .apiKey(config.apiKey().isEmpty() ? "missing" : config.apiKey())
                    .modelName(config.model())
                    .maxTokens(config.maxOutputTokens())
                    .temperature(0.0)
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            default -> throw new IllegalArgumentException("no chat model for llm.provider " + config.provider());
        };
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
