package dev.czar.slack;

import dev.czar.config.SlackConfig;
import dev.czar.github.GithubWebhook;
import dev.czar.github.PullRequestStore;
import dev.czar.github.ReportedChecks;
import dev.czar.github.WebhookEvents;
import dev.czar.github.WebhookSignature;
import dev.czar.store.AuditLog;
import dev.czar.store.Database;
import dev.czar.store.DeliveryLedger;
import dev.czar.testsupport.SignedSlackRequests;
import dev.czar.testsupport.SlackApiStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code czar serve --http PORT}: GitHub's webhook on the same HTTP endpoint as Slack's events, each verifying its own. */
class GithubWebhookOnSlackEndpointTest {
    @TempDir
    Path tmp;
    SlackTestBed bed;

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void should_serve_github_deliveries_beside_slack_events_on_one_port() throws Exception {
        // given
        Database db = Database.open("jdbc:h2:mem:slack-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Clock clock = Clock.systemUTC();
        PullRequestStore pulls = new PullRequestStore(db);
        pulls.save(new PullRequestStore.PullRequest("login", "octocat/Hello-World", 57, "https://github.com/octocat/Hello-World/pull/57",
                null, "open", "ec26c3e57ca3a959ca5aad62de7213c562f8c821", Instant.now()));
        List<String> woken = new CopyOnWriteArrayList<>();
        WebhookSignature signature = new WebhookSignature("fake-webhook-secret");
        GithubWebhook webhook = new GithubWebhook(signature, new DeliveryLedger(db, clock, "github"),
                new WebhookEvents("octocat/Hello-World", pulls, new ReportedChecks(db), b -> Optional.empty(), clock),
                new AuditLog(db, clock), woken::add);
        bed = new SlackTestBed(tmp, new SlackConfig(null), db,
                SlackFrontDoor.Transport.http(0, "127.0.0.1").withRoute(GithubWebhook.PATH, webhook),
                new SlackTokens(SlackApiStub.BOT_TOKEN, null, SignedSlackRequests.FAKE_SIGNING_SECRET), stub -> { });
        String body = "{\"action\":\"closed\",\"pull_request\":{\"number\":57,\"state\":\"closed\",\"merged\":true,"
                + "\"merge_commit_sha\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\",\"user\":{\"login\":\"octocat\"}},"
                + "\"repository\":{\"full_name\":\"octocat/Hello-World\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        // when
        HttpResponse<String> signed = post(body, signature.sign(bytes));
        HttpResponse<String> slackSigned = post(body, new WebhookSignature(SignedSlackRequests.FAKE_SIGNING_SECRET).sign(bytes));

        // then
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(pulls.byNumber(57).orElseThrow().pr().state()).isEqualTo("merged");
        assertThat(woken).containsExactly("login");
        assertThat(slackSigned.statusCode()).as("Slack's secret is not GitHub's").isEqualTo(401);
        assertThat(bed.requests.command(dev.czar.testsupport.SlackFixtures.fill("payloads/slash_command.txt",
                java.util.Map.of("user", SlackTestBed.VIEWER, "text", "status"))).statusCode())
                .as("/slack/events still answers on the same port").isEqualTo(200);
    }

    private HttpResponse<String> post(String body, String sig) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + bed.frontDoor.httpPort() + GithubWebhook.PATH))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header(WebhookSignature.HEADER, sig).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
