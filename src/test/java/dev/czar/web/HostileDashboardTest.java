package dev.czar.web;

import dev.czar.bench.BenchResults;
import dev.czar.config.DashboardConfig;
import dev.czar.digest.DigestFixture;
import dev.czar.store.AuditLog;
import dev.czar.testsupport.Fixtures;
import dev.czar.workers.FleetRecords;
import dev.czar.workers.WorkerAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planted secrets of every kind the Redactor knows and hostile markup, in task text, state reasons, conflict alerts
 * and audited command arguments: the dashboard shows none of the secrets and escapes all of the markup.
 */
class HostileDashboardTest {
    @TempDir
    Path tmp;

    @Test
    void should_show_no_planted_secret_and_no_live_markup() throws Exception {
        // given
        List<String[]> secrets = Fixtures.read("hostile/planted-secrets.txt").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\\|", 3)).toList();
        String markup = "<script>alert(1)</script><img src=x onerror=alert(2)> \u001b[31mred\u001b[0m\u0000\u202Eevil";
        try (DigestFixture fx = new DigestFixture(tmp)) {
            AuditLog audit = new AuditLog(fx.db, fx.clock);
            List<WorkerAlert> alerts = new ArrayList<>();
            for (int i = 0; i < secrets.size(); i++) {
                String planted = secrets.get(i)[1].replace("\\n", "\n");
                String name = "task-" + i;
                fx.launch(name, "Deploy with " + planted + " " + markup, "C1", "T" + i);
                fx.move(name, QUEUED, RUNNING, "worker started " + planted);
                if (i % 2 == 0) {
                    fx.move(name, RUNNING, STUCK, "stuck printing " + planted + " " + markup);
                }
                audit.record("U1", "C1", "launch", name + " --task " + planted + " " + markup, "ok", planted);
                alerts.add(new WorkerAlert("conflict", name, "task-x", "both change " + planted + " " + markup, fx.clock.instant()));
            }
            FleetRecords.of(fx.workers).alerts(alerts);

            // when
            String page;
            try (Dashboard dashboard = DashboardTest.start(fx, new DashboardConfig(0, "127.0.0.1", "", 5))) {
                page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard.url())).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }

            // then
            String shown = page;
            long leaked = secrets.stream().filter(s -> shown.contains(s[2])).count();
            boolean liveMarkup = page.contains("<script>alert(1)") || page.contains("<img src=x");
            BenchResults.record("75-hostile-dashboard", "the " + secrets.size() + " planted secrets plus `<script>`/`<img onerror>`"
                            + " markup in task text, state reasons, conflict alerts and audited command arguments",
                    "`HostileDashboardTest`", "none on the dashboard, markup escaped", leaked + " secrets on the page (masked ones"
                            + " present), live markup " + (liveMarkup ? "present" : "absent, shown as `&lt;script&gt;`"),
                    leaked == 0 && !liveMarkup && page.contains("&lt;script&gt;"));
            assertThat(page).contains("task-0").contains("task-13").contains("[REDACTED:").contains("&lt;script&gt;");
            for (String[] s : secrets) {
                assertThat(page).as("planted %s", s[0]).doesNotContain(s[2]);
            }
            assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
            // terminal escapes, NUL and bidi overrides in worker text do not reach the page
            assertThat(page).contains("red").doesNotContain("\u001b").doesNotContain("\u0000").doesNotContain("\u202E");
        }
    }
}
