package dev.czar.web;

import dev.czar.UserError;
import dev.czar.config.DashboardConfig;
import dev.czar.digest.DigestFixture;
import dev.czar.digest.StoredBench;
import dev.czar.evidence.bench.BenchEvidence;
import dev.czar.evidence.bench.BenchFormat;
import dev.czar.store.AuditLog;
import dev.czar.workers.AgentSessions;
import dev.czar.workers.FleetRecords;
import dev.czar.workers.WorkerAlert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard served over loopback HTTP from a seeded state: real git repo, real H2, real benchmark store. */
class DashboardTest {
    @TempDir
    Path tmp;
    DigestFixture fx;
    Dashboard dashboard;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void seed() {
        fx = seeded(tmp);
    }

    /** Two workstreams (one stuck), a predicted conflict, benchmark history and an audited command. */
    static DigestFixture seeded(Path tmp) {
        DigestFixture fx = new DigestFixture(tmp);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.launch("add-cache", "Add a response cache to the search API", "C1", "T2");
        fx.move("fix-login", QUEUED, RUNNING, "worker started");
        fx.move("fix-login", RUNNING, STUCK, "no output for 30m <img src=x onerror=alert(1)>");
        fx.move("add-cache", QUEUED, RUNNING, "worker started");
        FleetRecords.of(fx.workers).alerts(List.of(new WorkerAlert("conflict", "fix-login", "add-cache",
                "both change src/App.java", fx.clock.instant())));
        BenchEvidence bench = BenchEvidence.over(fx.db, fx.clock, 5, 0.05);
        bench.importer().importFiles(List.of(Path.of("src/test/resources/fixtures/bench/history.csv")), BenchFormat.CSV, false);
        new AuditLog(fx.db, fx.clock).record("U1", "C1", "launch", "fix-login Fix the login redirect loop", "ok", null);
        return fx;
    }

    static Dashboard start(DigestFixture fx, DashboardConfig config) {
        return Dashboard.start(config, new Dashboard.Sources(fx.workers, fx.git, fx.ci,
                new StoredBench(BenchEvidence.over(fx.db, fx.clock, 5, 0.05)), new AuditLog(fx.db, fx.clock), fx.clock));
    }

    @AfterEach
    void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        fx.close();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void should_show_the_fleet_the_conflict_matrix_ci_charts_and_audit_log() throws Exception {
        dashboard = start(fx, new DashboardConfig(0, "127.0.0.1", "", 5));

        String page = new String(get("").body());

        assertThat(page).contains("<table id=\"fleet-table\">")
                .contains("<tr data-workstream=\"fix-login\"><td>fix-login</td><td class=\"state stuck\">STUCK</td><td>czar/fix-login</td>")
                .contains("<tr data-workstream=\"add-cache\">");
        assertThat(page).contains("<table id=\"conflict-matrix\">").contains("<td class=\"conflict\" title=\"both change src/App.java\">conflict</td>");
        assertThat(page).contains("<table id=\"ci-table\">").contains("no failing runs");
        assertThat(page).contains("src=\"chart/parse_json.png\"");
        assertThat(page).contains("<table id=\"audit-table\">").contains("launch fix-login Fix the login redirect loop");
        assertThat(page).contains("setInterval(refresh, 5 * 1000)");
    }

    @Test
    void should_show_each_workstreams_agent_session_last_tool_tokens_and_cost() throws Exception {
        // given what two agents reported: Codex (tokens only) and Claude Code (with a cost)
        AgentSessions sessions = new AgentSessions(fx.db, fx.clock);
        sessions.choose("add-cache", "codex");
        sessions.progress("add-cache", "01a24e5f-cbce-7f20", "shell ./mvnw -q test", 0);
        sessions.addUsage("add-cache", 1, 200, 14, null);
        sessions.choose("fix-login", "claude-code");
        sessions.progress("fix-login", "5d1c-session", "Edit src/Login.java <b>", 2);
        sessions.addUsage("fix-login", 3, 360, 90, new BigDecimal("0.00405"));
        dashboard = start(fx, new DashboardConfig(0, "127.0.0.1", "", 5));

        // when
        String fleet = new String(get("fragment/fleet").body());

        // then
        assertThat(fleet).contains("<th>Agent</th>")
                .contains("<td class=\"agent\">codex session 01a24e5f-cbce-7f20, 1 turn(s), last: shell ./mvnw -q test,"
                        + " tokens 200 in / 14 out</td>")
                .contains("<td class=\"agent\">claude-code session 5d1c-session, 3 turn(s), last: Edit src/Login.java"
                        + " &lt;b&gt;, 2 file(s) changed, tokens 360 in / 90 out, $0.00405</td>");
    }

    @Test
    void should_serve_a_real_png_trend_chart_and_fragments_for_in_place_refresh() throws Exception {
        dashboard = start(fx, new DashboardConfig(0, "127.0.0.1", "", 5));

        HttpResponse<byte[]> chart = get("chart/parse_json.png");
        HttpResponse<byte[]> fleet = get("fragment/fleet");

        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(chart.body()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(new String(fleet.body())).startsWith("<table id=\"fleet-table\">").doesNotContain("<html");
        assertThat(get("chart/no-such-benchmark.png").statusCode()).isEqualTo(404);
    }

    @Test
    void should_escape_everything_it_prints() throws Exception {
        dashboard = start(fx, new DashboardConfig(0, "127.0.0.1", "", 5));

        String page = new String(get("").body());

        assertThat(page).contains("no output for 30m &lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
    }

    @Test
    void should_refuse_to_bind_beyond_loopback_without_a_token() {
        assertThatThrownBy(() -> start(fx, new DashboardConfig(0, "0.0.0.0", "", 5)))
                .isInstanceOf(UserError.class)
                .hasMessage("dashboard.bind 0.0.0.0 is not loopback: set dashboard.token (or CZAR_DASHBOARD_TOKEN) first, or bind 127.0.0.1");
    }

    @Test
    void should_require_the_token_when_one_is_configured() throws Exception {
        dashboard = start(fx, new DashboardConfig(0, "127.0.0.1", "s3cret-dashboard-token", 5));

        assertThat(get("").statusCode()).isEqualTo(401);
        assertThat(get("?token=wrong").statusCode()).isEqualTo(401);
        assertThat(get("?token=s3cret-dashboard-token").statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "fragment/fleet"))
                .header("Authorization", "Bearer s3cret-dashboard-token").build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void should_ask_ci_at_most_once_a_minute_however_often_the_page_refreshes() throws Exception {
        dashboard = start(fx, new DashboardConfig(0, "127.0.0.1", "", 5));
        get("fragment/ci");
        fx.ci.failing.put("main", List.of(new dev.czar.digest.CiSource.FailingRun("main", "build", 7, "abc", "https://ci/7", List.of())));

        String cached = new String(get("fragment/ci").body());
        fx.clock.advance(java.time.Duration.ofSeconds(61));
        String fresh = new String(get("fragment/ci").body());

        assertThat(cached).doesNotContain("build failed");
        assertThat(fresh).contains("<a class=\"failed\" href=\"https://ci/7\">build failed</a>");
    }
}
