package dev.czar.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardAllowedHostsConfigTest {
    @TempDir
    Path tmp;

    @Test
    void should_read_allowed_hosts_from_yaml() throws Exception {
        Path file = tmp.resolve("czar.yaml");
        Files.writeString(file, """
                dashboard:
                  allowed-hosts: [czar.example.com, "10.0.0.5:8077", "[fd00::1]:8077"]
                """);

        CzarConfig config = new ConfigLoader(Map.of()).load(file);

        assertThat(config.dashboard().allowedHosts()).containsExactly("czar.example.com", "10.0.0.5:8077", "[fd00::1]:8077");
    }

    @Test
    void should_refuse_an_entry_that_is_not_a_host_or_host_and_port() throws Exception {
        Path file = tmp.resolve("czar.yaml");
        Files.writeString(file, """
                dashboard:
                  allowed-hosts: ["http://czar.example.com/"]
                """);

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'dashboard.allowed-hosts' entries must be host or host:port")
                .hasMessageContaining("http://czar.example.com/");
    }

    @Test
    void should_default_to_no_further_names() {
        assertThat(new ConfigLoader(Map.of()).load(null).dashboard().allowedHosts()).isEqualTo(List.of());
    }
}
