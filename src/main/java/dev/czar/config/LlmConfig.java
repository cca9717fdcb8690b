package dev.czar.config;

/**
 * The language model behind the agent. Off by default ({@code provider: none}): the offline answerer serves.
 *
 * @param provider                {@code none}, {@code openai} (any OpenAI-compatible server), {@code anthropic}
 *                                or {@code ollama} (through Ollama's OpenAI-compatible endpoint)
 * @param baseUrl                 provider endpoint; empty means the provider's public default
 * @param model                   model name as the provider spells it
 * @param apiKey                  secret; prefer the env var {@code CZAR_LLM_API_KEY} over writing it into a file
 * @param timeoutSeconds          time limit for one round trip to the provider
 * @param maxRetries              retries after a transient failure (429, 5xx, timeout) before falling back offline
 * @param retryBackoffMillis      first back-off between retries, doubled each time; a {@code Retry-After} header wins
 * @param breakerFailureThreshold consecutive failed round trips that open the circuit breaker
 * @param breakerOpenSeconds      how long the open breaker sends everything to the offline answerer
 * @param maxToolRounds           tool-calling rounds per answer before the model must answer with what it has
 * @param maxToolResultChars      cap on one tool result sent to the model; longer results are cut with a note
 * @param memoryTokens            per-thread conversation memory budget (estimated tokens)
 * @param maxOutputTokens         cap on tokens the model may generate per round trip
 */
public record LlmConfig(String provider, String baseUrl, String model, String apiKey,
                        Integer timeoutSeconds, Integer maxRetries, Integer retryBackoffMillis,
                        Integer breakerFailureThreshold, Integer breakerOpenSeconds,
                        Integer maxToolRounds, Integer maxToolResultChars, Integer memoryTokens,
                        Integer maxOutputTokens) {
    public LlmConfig {
        provider = provider != null && !provider.isBlank() ? provider.strip().toLowerCase(java.util.Locale.ROOT) : "none";
        baseUrl = baseUrl != null ? baseUrl.strip() : "";
        model = model != null ? model.strip() : "";
        apiKey = apiKey != null ? apiKey.strip() : "";
        timeoutSeconds = timeoutSeconds != null ? timeoutSeconds : 60;
        maxRetries = maxRetries != null ? maxRetries : 2;
        retryBackoffMillis = retryBackoffMillis != null ? retryBackoffMillis : 500;
        breakerFailureThreshold = breakerFailureThreshold != null ? breakerFailureThreshold : 5;
        breakerOpenSeconds = breakerOpenSeconds != null ? breakerOpenSeconds : 60;
        maxToolRounds = maxToolRounds != null ? maxToolRounds : 4;
        maxToolResultChars = maxToolResultChars != null ? maxToolResultChars : 2000;
        memoryTokens = memoryTokens != null ? memoryTokens : 2000;
        maxOutputTokens = maxOutputTokens != null ? maxOutputTokens : 1024;
    }

    /** Provider, endpoint, model and key; every tuning knob at its default. */
    public LlmConfig(String provider, String baseUrl, String model, String apiKey) {
        this(provider, baseUrl, model, apiKey, null, null, null, null, null, null, null, null, null);
    }

    public boolean enabled() {
        return !"none".equals(provider);
    }

    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isEmpty() ? "" : "***") + ", timeoutSeconds=" + timeoutSeconds
                + ", maxRetries=" + maxRetries + ", maxToolRounds=" + maxToolRounds + "]";
    }
}
