package dev.czar.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DigestConfigTest {
    @TempDir
    Path tmp;

    @Test
    void should_default_to_no_schedules_and_a_loopback_dashboard_without_token() {
        CzarConfig config = new ConfigLoader(Map.of()).load(null);

        assertThat(config.digest().schedules()).isEmpty();
        assertThat(config.digest().alertRepeatAfterDuration()).isEqualTo(Duration.ofHours(6));
        assertThat(config.digest().alertsPerHour()).isEqualTo(6);
        assertThat(config.digest().regressionThreshold()).isEqualTo(0.10);
        assertThat(config.dashboard()).isEqualTo(new DashboardConfig(8077, "127.0.0.1", "", 10));
    }

    @Test
    void should_read_schedules_from_yaml_and_the_dashboard_token_from_the_environment() throws Exception {
        Path file = tmp.resolve("czar.yaml");
        Files.writeString(file, """
                digest:
                  schedules:
                    - {cron: "0 9 * * MON-FRI", time-zone: Europe/Berlin, channel: C0ENG}
                    - {cron: "0 * * * *", channel: C0OPS, only-news: true}
                  alerts-per-hour: 2
                dashboard:
                  bind: 0.0.0.0
                  port: 9000
                """);

        CzarConfig config = new ConfigLoader(Map.of("CZAR_DASHBOARD_TOKEN", "from-env")).load(file);

        assertThat(config.digest().schedules()).containsExactly(
                new DigestConfig.Schedule("0 9 * * MON-FRI", "Europe/Berlin", "C0ENG", false),
                new DigestConfig.Schedule("0 * * * *", null, "C0OPS", true));
        assertThat(config.digest().alertsPerHour()).isEqualTo(2);
        assertThat(config.dashboard()).isEqualTo(new DashboardConfig(9000, "0.0.0.0", "from-env", 10));
    }
}
