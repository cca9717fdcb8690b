package dev.czar.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("/fixtures/config/" + name).toURI());
    }

    @Test
    void should_run_every_optional_integration_off_by_default() {
        CzarConfig config = new ConfigLoader(Map.of()).load(null);

        assertThat(config.llm().enabled()).isFalse();
        assertThat(config.ci().github().enabled()).isFalse();
        assertThat(config.digest().schedules()).isEmpty();
        assertThat(config.git().mainBranch()).isEqualTo("auto");
    }

    @Test
    void should_read_values_from_the_file() throws Exception {
        CzarConfig config = new ConfigLoader(Map.of()).load(fixture("valid.yaml"));

        assertThat(config.git().mainBranch()).isEqualTo("trunk");
        assertThat(config.git().recentCommits()).isEqualTo(5);
        assertThat(config.llm().provider()).isEqualTo("openai");
        assertThat(config.chat().maxMessageChars()).isEqualTo(8000);
    }

    @Test
    void should_let_env_vars_override_the_file() throws Exception {
        Map<String, String> env = Map.of("CZAR_LLM_MODEL", "from-env", "CZAR_GIT_RECENT_COMMITS", "7",
                "CZAR_GITHUB_API_URL", "http://127.0.0.1:8080");

        CzarConfig config = new ConfigLoader(env).load(fixture("valid.yaml"));

        assertThat(config.llm().model()).isEqualTo("from-env");
        assertThat(config.git().recentCommits()).isEqualTo(7);
        assertThat(config.ci().github().apiUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void should_name_an_unknown_key_and_list_the_known_ones() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(fixture("unknown-key.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'llm.provder'")
                .hasMessageContaining("provider");
    }

    @Test
    void should_name_a_key_with_a_value_of_the_wrong_type() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(fixture("wrong-type.yaml")))
                .hasMessageContaining("'chat.max-message-chars' must be a whole number, got 'lots'");
    }

    @Test
    void should_point_at_the_line_of_malformed_yaml() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(fixture("malformed.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML at line 3")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void should_list_the_accepted_providers_when_one_is_unknown() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(fixture("bad-provider.yaml")))
                .hasMessageContaining("'llm.provider' must be one of none, openai, anthropic, ollama; got 'skynet'");
    }

    @Test
    void should_reject_a_bad_env_override_naming_the_key() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_CHAT_TIME_ZONE", "Mars/Olympus")).load(null))
                .hasMessageStartingWith("env CZAR_CHAT_TIME_ZONE: 'chat.time-zone'");
    }

    @Test
    void should_blame_the_env_var_when_an_override_has_the_wrong_type() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_CHAT_MAX_MESSAGE_CHARS", "lots")).load(null))
                .hasMessage("env CZAR_CHAT_MAX_MESSAGE_CHARS: 'chat.max-message-chars' must be a whole number, got 'lots'");
    }

    @Test
    void should_name_the_agent_presets_when_workers_agent_is_unknown() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CZAR_WORKERS_AGENT", "claude")).load(null))
                .hasMessageContaining("'workers.agent' must be one of").hasMessageContaining("claude-code")
                .hasMessageContaining("got 'claude'");
    }

    @Test
    void should_report_a_missing_config_file() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Path.of("does/not/exist.yaml")))
                .hasMessageStartingWith("config file not found: does/not/exist.yaml");
    }

    @Test
    void should_document_every_setting_in_the_shipped_config_file() throws IOException {
        String shipped = Files.readString(Path.of("config", "czar.yaml"));

        for (String key : ConfigLoader.scalarKeys()) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertThat(shipped).as("config/czar.yaml documents " + key).containsPattern("(?m)^\\s*" + leaf + ":");
        }
        new ConfigLoader(Map.of()).load(Path.of("config", "czar.yaml"));
    }

    @Test
    void should_never_print_the_api_key() {
        LlmConfig llm = new LlmConfig("openai", "", "m", "sk-test-not-a-real-key");

        assertThat(llm.toString()).doesNotContain("sk-test");
    }
}
