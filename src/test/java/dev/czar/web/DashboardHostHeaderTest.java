package dev.czar.web;

import dev.czar.config.DashboardConfig;
import dev.czar.digest.DigestFixture;
import dev.czar.testsupport.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard over real HTTP from a raw socket, which (unlike a browser or Java's HttpClient) can send any
 * {@code Host}: its own address is answered, any other name gets 421 (DNS rebinding), and slow clients are cut off.
 */
class DashboardHostHeaderTest {
    @TempDir
    Path tmp;
    DigestFixture fx;
    Dashboard dashboard;

    @BeforeEach
    void seed() {
        fx = DashboardTest.seeded(tmp);
    }

    @AfterEach
    void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        fx.close();
    }

    private Dashboard start(DashboardConfig config, HttpLimits limits) {
        dashboard = Dashboard.start(config, new Dashboard.Sources(fx.workers, fx.git, fx.ci,
                new dev.czar.digest.StoredBench(dev.czar.evidence.bench.BenchEvidence.over(fx.db, fx.clock, 5, 0.05)),
                new dev.czar.store.AuditLog(fx.db, fx.clock), fx.clock), limits);
        return dashboard;
    }

    private int get(String host) {
        return RawHttp.exchange(dashboard.port(), "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n",
                new byte[0], 5000).status();
    }

    @Test
    void should_refuse_a_foreign_host_header_and_accept_its_own() {
        // given
        start(new DashboardConfig(0, "127.0.0.1", "", 5), HttpLimits.DASHBOARD);
        int port = dashboard.port();

        // when / then
        assertThat(get("evil.example:" + port)).as("rebound name, right port").isEqualTo(421);
        assertThat(get("evil.example")).as("rebound name, no port").isEqualTo(421);
        assertThat(get("127.0.0.1:" + (port == 1 ? 2 : 1))).as("own address, other port").isEqualTo(421);
        assertThat(get("127.0.0.1:" + port)).isEqualTo(200);
        assertThat(get("localhost:" + port)).isEqualTo(200);
        assertThat(get("LOCALHOST:" + port)).isEqualTo(200);
        assertThat(get("[::1]:" + port)).isEqualTo(200);
    }

    @Test
    void should_accept_the_names_in_dashboard_allowed_hosts() {
        // given
        start(new DashboardConfig(0, "127.0.0.1", "", 5, List.of("czar.example.com", "proxy.example.com:8443")),
                HttpLimits.DASHBOARD);

        // when / then
        assertThat(get("czar.example.com")).isEqualTo(200);
        assertThat(get("czar.example.com:" + dashboard.port())).isEqualTo(200);
        assertThat(get("proxy.example.com:8443")).isEqualTo(200);
        assertThat(get("proxy.example.com:9999")).isEqualTo(421);
        assertThat(get("evil.czar.example.com")).isEqualTo(421);
    }

    @Test
    void should_answer_while_slow_connections_trickle_headers_and_cut_them_off() throws Exception {
        // given
        start(new DashboardConfig(0, "127.0.0.1", "", 5), new HttpLimits(4, Duration.ofMillis(5000), Duration.ofSeconds(30),
                16 * 1024, 16 * 1024));
        String head = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard.port() + "\r\nX-Padding: " + "p".repeat(300) + "\r\n\r\n";
        try (RawHttp.Slowloris slow = RawHttp.slowloris(dashboard.port(), 8, head, 50)) {
            Thread.sleep(300);

            // when
            RawHttp.Received health = RawHttp.exchange(dashboard.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1:"
                    + dashboard.port() + "\r\nConnection: close\r\n\r\n", new byte[0], 5000);

            // then
            assertThat(health.status()).isEqualTo(200);
            assertThat(slow.stillOpen()).as("slow connections open when /health answered").isEqualTo(8);
            assertThat(slow.closedAfterMillis(15000)).as("slow connections closed (ms)").isBetween(4900L, 10000L);
        }
    }
}
