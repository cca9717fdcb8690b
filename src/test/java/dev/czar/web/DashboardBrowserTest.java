package dev.czar.web;

import dev.czar.config.DashboardConfig;
import dev.czar.digest.DigestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads the dashboard in headless Chromium (Debian's {@code chromium} package, installed by {@code .ci/run}) and
 * checks what a person would see: the fleet table, the conflict matrix and a decoded trend chart. Skipped when
 * Chromium is not installed. Leaves a screenshot in {@code target/dashboard.png}.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;
    DigestFixture fx;
    Dashboard dashboard;

    @BeforeEach
    void start() {
        assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is not installed (apt-get install chromium)");
        fx = DashboardTest.seeded(tmp);
        dashboard = DashboardTest.start(fx, new DashboardConfig(0, "127.0.0.1", "", 5));
    }

    @AfterEach
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void should_show_the_fleet_table_the_conflict_matrix_and_a_loaded_chart_in_a_real_browser() throws Exception {
        // when
        String dom = chromium("--dump-dom", dashboard.url());
        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium("--screenshot=" + screenshot, "--window-size=1280,1700", "--hide-scrollbars", dashboard.url());

        // then
        assertThat(dom).contains("<table id=\"fleet-table\">").contains("<td class=\"state stuck\">STUCK</td>")
                .contains("data-workstream=\"add-cache\"");
        assertThat(dom).contains("<table id=\"conflict-matrix\">").contains(">conflict</td>");
        assertThat(dom).containsPattern("<img class=\"trend\"[^>]*data-loaded=\"900\"");
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    /** Runs headless Chromium with no network beyond loopback and no profile of its own; returns its stdout. */
    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--virtual-time-budget=5000",
                "--user-data-dir=" + tmp.resolve("chromium-profile")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(tmp.resolve("chromium.log").toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
