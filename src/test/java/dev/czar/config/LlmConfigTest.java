package dev.czar.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmConfigTest {
    @Test
    void should_document_every_llm_key_in_the_shipped_config_file() throws IOException {
        // given
        String yaml = Files.readString(Path.of("config", "czar.yaml"));
        // when / then
        for (String key : ConfigLoader.scalarKeys()) {
            if (key.startsWith("llm.")) {
                assertThat(yaml).as("config/czar.yaml documents " + key).containsPattern("(?m)^\\s+" + key.substring(4) + ":");
            }
        }
    }

    @Test
    void should_run_offline_by_default_with_safe_limits() {
        // when
        LlmConfig llm = new ConfigLoader(Map.of()).load(null).llm();
        // then
        assertThat(llm.enabled()).isFalse();
        assertThat(llm.maxToolRounds()).isEqualTo(4);
        assertThat(llm.maxToolResultChars()).isEqualTo(2000);
        assertThat(llm.timeoutSeconds()).isEqualTo(60);
    }

    @Test
    void should_take_provider_settings_from_env() {
        // when
        LlmConfig llm = new ConfigLoader(Map.of("CZAR_LLM_PROVIDER", "openai", "CZAR_LLM_MODEL", "llama3.1",
                "CZAR_LLM_BASE_URL", "http://127.0.0.1:8080/v1", "CZAR_LLM_MAX_TOOL_ROUNDS", "2")).load(null).llm();
        // then
        assertThat(llm.provider()).isEqualTo("openai");
        assertThat(llm.baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
        assertThat(llm.maxToolRounds()).isEqualTo(2);
    }

    @Test
    void should_name_the_key_when_a_provider_has_no_model() {
        // when / then
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_LLM_PROVIDER", "anthropic")).load(null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'llm.model' must name a model");
    }

    @Test
    void should_never_print_the_api_key() {
        // when / then
        assertThat(new LlmConfig("openai", "", "gpt-4o-mini", "sk-secret-value").toString()).doesNotContain("sk-secret-value");
    }
}
