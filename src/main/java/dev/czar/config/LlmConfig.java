package dev.czar.config;

/**
 * The language model behind the agent. Off by default ({@code provider: none}): the offline answerer serves.
 *
 * @param provider {@code none}, {@code openai} (any OpenAI-compatible server), {@code anthropic} or {@code ollama}
 * @param baseUrl  provider endpoint; empty means the provider's public default
 * @param model    model name as the provider spells it
 * @param apiKey   secret; prefer the env var {@code CZAR_LLM_API_KEY} over writing it into a file
 */
public record LlmConfig(String provider, String baseUrl, String model, String apiKey) {
    public LlmConfig {
        provider = provider != null && !provider.isBlank() ? provider.strip().toLowerCase(java.util.Locale.ROOT) : "none";
        baseUrl = baseUrl != null ? baseUrl.strip() : "";
        model = model != null ? model.strip() : "";
        apiKey = apiKey != null ? apiKey.strip() : "";
    }

    public boolean enabled() {
        return !"none".equals(provider);
    }

    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isEmpty() ? "" : "***") + "]";
    }
}
