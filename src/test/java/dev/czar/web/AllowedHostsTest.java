package dev.czar.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedHostsTest {
    @ParameterizedTest(name = "bound to {0}, Host ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1 | 127.0.0.1:8077            | true",
            "127.0.0.1 | localhost:8077            | true",
            "127.0.0.1 | [::1]:8077                | true",
            "127.0.0.1 | [0:0:0:0:0:0:0:1]:8077    | true",
            "127.0.0.1 | 127.0.0.1                 | false",
            "127.0.0.1 | localhost:8078            | false",
            "127.0.0.1 | attacker.example:8077     | false",
            "127.0.0.1 | localhost.attacker:8077   | false",
            "127.0.0.1 | 127.0.0.1:8077:1          | false",
            "127.0.0.1 | ''                        | false",
            "127.0.0.1 | [::1                      | false",
            "::1       | [::1]:8077                | true",
            "0.0.0.0   | 127.0.0.1:8077            | true",
            "0.0.0.0   | attacker.example:8077     | false",
            "127.0.0.1 | czar.example.com          | true",
            "127.0.0.1 | czar.example.com:443      | true",
            "127.0.0.1 | proxy.example:8443        | true",
            "127.0.0.1 | proxy.example:8444        | false",
    })
    void should_answer_only_its_own_address_and_the_configured_names(String bind, String host, boolean allowed) throws Exception {
        AllowedHosts hosts = AllowedHosts.of(InetAddress.getByName(bind), 8077, List.of("czar.example.com", "proxy.example:8443"));

        assertThat(hosts.allows(host)).isEqualTo(allowed);
    }
}
