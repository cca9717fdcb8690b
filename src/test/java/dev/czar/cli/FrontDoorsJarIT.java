package dev.czar.cli;

import dev.czar.testsupport.RawHttp;
import dev.czar.testsupport.SignedSlackRequests;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.SlackFixtures;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar czar.jar serve --http 0} as a user starts it (with the dashboard it serves alongside): the shaded
 * jar brings up both Jetty front doors, a signed event is answered, a future timestamp is refused, and the dashboard
 * refuses a foreign {@code Host}.
 */
class FrontDoorsJarIT {
    private static final Pattern SLACK_PORT = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/slack/events");
    private static final Pattern DASHBOARD_PORT = Pattern.compile("dashboard at http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path tmp;

    @Test
    void should_serve_slack_and_the_dashboard_from_the_jar_on_jetty() throws Exception {
        // given
        Path repo = tmp.resolve("repo");
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("a.txt", "a\n"));
        }
        Path config = Files.writeString(tmp.resolve("czar.yaml"), "dashboard:\n  port: 0\n");
        try (SlackApiStub slack = new SlackApiStub()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("czar.jar"), "serve", "--http", "0", "--repo", repo.toString(),
                    "--home", tmp.resolve("home").toString(), "--config", config.toString()).redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("CZAR_") || k.startsWith("SLACK_"));
            builder.environment().putAll(Map.of("SLACK_BOT_TOKEN", SlackApiStub.BOT_TOKEN,
                    "SLACK_SIGNING_SECRET", SignedSlackRequests.FAKE_SIGNING_SECRET, "CZAR_SLACK_API_URL", slack.apiUrl()));
            Process czar = builder.start();
            try {
                // when
                Map<String, Integer> ports = ports(czar);
                SignedSlackRequests requests = new SignedSlackRequests(
                        URI.create("http://127.0.0.1:" + ports.get("slack") + "/slack/events"), SignedSlackRequests.FAKE_SIGNING_SECRET);
                String mention = SlackFixtures.fill("payloads/app_mention.json", Map.of("user", "U0VIEWER01",
                        "text", "status", "ts", "1764250000.000100", "event_id", "Ev0JARIT01"));
                int signed = requests.event(mention).statusCode();
                int future = requests.signedAt(Instant.now().plus(Duration.ofMinutes(6)), mention).statusCode();
                int dashboard = ports.get("dashboard");
                int own = RawHttp.exchange(dashboard, "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard
                        + "\r\nConnection: close\r\n\r\n", new byte[0], 30000).status();
                int foreign = RawHttp.exchange(dashboard, "GET /health HTTP/1.1\r\nHost: rebind.example:" + dashboard
                        + "\r\nConnection: close\r\n\r\n", new byte[0], 30000).status();

                // then
                assertThat(List.of(signed, future, own, foreign)).containsExactly(200, 401, 200, 421);
                assertThat(slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(60))).hasSize(1);
            } finally {
                czar.destroy();
                czar.waitFor(20, TimeUnit.SECONDS);
                czar.destroyForcibly();
            }
        }
    }

    /** Reads czar's start-up lines until both addresses are printed. */
    private static Map<String, Integer> ports(Process czar) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(czar.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        Integer slack = null;
        Integer dashboard = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while ((slack == null || dashboard == null) && System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher s = SLACK_PORT.matcher(line);
            Matcher d = DASHBOARD_PORT.matcher(line);
            slack = s.find() ? Integer.valueOf(s.group(1)) : slack;
            dashboard = d.find() ? Integer.valueOf(d.group(1)) : dashboard;
        }
        assertThat(slack).as("Slack port in czar's output:\n" + seen).isNotNull();
        assertThat(dashboard).as("dashboard port in czar's output:\n" + seen).isNotNull();
        return Map.of("slack", slack, "dashboard", dashboard);
    }
}
