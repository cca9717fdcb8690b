package dev.czar.github;

import dev.czar.store.AuditLog;
import dev.czar.store.Database;
import dev.czar.store.DeliveryLedger;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.MutableClock;
import dev.czar.testsupport.RawHttp;
import dev.czar.web.HttpLimits;
import dev.czar.web.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /github/webhook} over real HTTP on loopback (Jetty, the same {@link WebServer} as the Slack endpoint),
 * with GitHub's delivery headers, signed like GitHub signs, over a real H2 database.
 */
class GithubWebhookTest {
    static final String SECRET = "fake-webhook-secret-for-tests";
    static final String REPO = "octocat/Hello-World";
    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    static final String NEXT = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    final Database db = MemoryDatabase.open();
    final PullRequestStore pulls = new PullRequestStore(db);
    final ReportedChecks checks = new ReportedChecks(db);
    final AuditLog audit = new AuditLog(db, clock);
    final List<String> woken = new CopyOnWriteArrayList<>();
    final WebhookSignature signature = new WebhookSignature(SECRET);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    WebServer server;

    @BeforeEach
    void setUp() throws Exception {
        pulls.save(new PullRequestStore.PullRequest("login", REPO, 57, "https://github.com/octocat/Hello-World/pull/57",
                "PR_kwDO57", "open", HEAD, clock.instant()));
        WebhookEvents events = new WebhookEvents(REPO, pulls, checks,
                branch -> branch.equals("czar/login") ? Optional.of("login") : Optional.empty(), clock);
        GithubWebhook webhook = new GithubWebhook(signature, new DeliveryLedger(db, clock, "github"), events, audit, woken::add);
        HttpLimits limits = new HttpLimits(8, Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024, 16 * 1024);
        server = WebServer.start("github-webhook-test", "127.0.0.1", 0, limits, call ->
                call.path().equals(GithubWebhook.PATH) ? webhook.handle(call) : dev.czar.web.HttpReply.text(404, "not found"));
    }

    @AfterEach
    void tearDown() {
        server.close();
        db.close();
    }

    @Test
    void should_apply_a_signed_failing_check_run_and_wake_the_gate_of_its_workstream() throws Exception {
        // given
        String body = checkRun(4401, "build", "failure");

        // when
        HttpResponse<String> response = deliver("check_run", UUID.randomUUID().toString(), body, signature.sign(bytes(body)));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(checks.at(REPO, HEAD)).singleElement().satisfies(check -> {
            assertThat(check.kind()).isEqualTo("check_run");
            assertThat(check.externalId()).isEqualTo("4401");
            assertThat(check.conclusion()).isEqualTo("failure");
        });
        assertThat(ReportedChecks.verdict(checks.at(REPO, HEAD))).isEqualTo("red");
        assertThat(woken).containsExactly("login");
    }

    @Test
    void should_mark_the_pull_request_merged_with_its_author_and_merge_commit() throws Exception {
        // given
        String body = Fixtures.read("github/webhooks/pull_request.closed.json", Map.of("number", "57", "author", "octocat",
                "merge_sha", NEXT, "head_sha", HEAD, "repo", REPO));

        // when
        HttpResponse<String> response = deliver("pull_request", UUID.randomUUID().toString(), body, signature.sign(bytes(body)));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        PullRequestStore.Details pr = pulls.byNumber(57).orElseThrow();
        assertThat(pr.pr().state()).isEqualTo("merged");
        assertThat(pr.author()).isEqualTo("octocat");
        assertThat(pr.mergeSha()).isEqualTo(NEXT);
        assertThat(pr.mergedAt()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(pr.openedAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z")); // GitHub's created_at beats czar's first sighting
        assertThat(woken).containsExactly("login");
    }

    @Test
    void should_adopt_a_pull_request_opened_from_a_workstreams_branch() throws Exception {
        // given a pull request czar did not open, from the branch of workstream "signup"
        String body = Fixtures.read("github/webhooks/pull_request.closed.json", Map.of("number", "61", "author", "alice",
                "merge_sha", NEXT, "head_sha", HEAD, "repo", REPO)).replace("\"czar/login\"", "\"czar/signup\"")
                .replace("\"merged\": true", "\"merged\": false").replace("\"state\": \"closed\"", "\"state\": \"open\"");
        WebhookEvents events = new WebhookEvents(REPO, pulls, checks,
                branch -> branch.equals("czar/signup") ? Optional.of("signup") : Optional.empty(), clock);

        // when
        WebhookEvents.Applied applied = events.apply("pull_request", dev.czar.chat.Json.MAPPER.readTree(body));

        // then
        assertThat(applied.summary()).isEqualTo("pull request #61 open (adopted for workstream signup)");
        assertThat(pulls.of("signup")).get().extracting(PullRequestStore.PullRequest::number, PullRequestStore.PullRequest::state,
                PullRequestStore.PullRequest::headSha).containsExactly(61, "open", HEAD);
        assertThat(pulls.byNumber(61).orElseThrow().author()).isEqualTo("alice");
        assertThat(applied.workstreams()).containsExactly("signup");
    }

    @Test
    void should_refuse_a_bad_signature_with_401_and_an_audit_row_and_change_nothing() throws Exception {
        // given
        String body = checkRun(4402, "build", "success");
        String forged = new WebhookSignature("not-the-secret").sign(bytes(body));

        // when
        HttpResponse<String> response = deliver("check_run", "bad-1", body, forged);

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(checks.at(REPO, HEAD)).isEmpty();
        assertThat(woken).isEmpty();
        assertThat(audit.recent(1)).singleElement().satisfies(entry -> {
            assertThat(entry.command()).isEqualTo("github-webhook");
            assertThat(entry.outcome()).isEqualTo("refused");
            assertThat(entry.arguments()).isEqualTo("check_run bad-1");
            assertThat(entry.detail()).startsWith("bad signature from 127.0.0.1");
        });
    }

    @Test
    void should_refuse_a_delivery_without_a_signature_with_401_and_an_audit_row() throws Exception {
        // given
        String body = checkRun(4403, "build", "success");

        // when
        HttpResponse<String> response = deliver("check_run", "unsigned-1", body, null);

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(checks.at(REPO, HEAD)).isEmpty();
        assertThat(audit.recent(1)).singleElement().satisfies(entry -> assertThat(entry.detail()).startsWith("missing signature"));
    }

    @Test
    void should_change_nothing_when_github_redelivers_a_delivery_it_already_sent() throws Exception {
        // given: a pending status, then its success in a later delivery
        String pending = status(9001, "pending");
        String success = status(9002, "success");
        assertThat(deliver("status", "d-1", pending, signature.sign(bytes(pending))).statusCode()).isEqualTo(200);
        assertThat(deliver("status", "d-2", success, signature.sign(bytes(success))).statusCode()).isEqualTo(200);

        // when: the first one comes again (GitHub's "Redeliver")
        HttpResponse<String> again = deliver("status", "d-1", pending, signature.sign(bytes(pending)));

        // then
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already applied");
        assertThat(checks.at(REPO, HEAD)).singleElement().satisfies(check -> assertThat(check.conclusion()).isEqualTo("success"));
        assertThat(ReportedChecks.verdict(checks.at(REPO, HEAD))).isEqualTo("green");
        assertThat(woken).containsExactly("login", "login");
    }

    @Test
    void should_acknowledge_an_event_czar_does_not_use_with_202_and_store_nothing() throws Exception {
        // given
        String body = "{\"action\":\"opened\",\"issue\":{\"number\":3},\"repository\":{\"full_name\":\"" + REPO + "\"}}";

        // when
        HttpResponse<String> response = deliver("issues", UUID.randomUUID().toString(), body, signature.sign(bytes(body)));

        // then
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(woken).isEmpty();
    }

    @Test
    void should_refuse_a_body_larger_than_the_limit_with_413() throws Exception {
        // given
        byte[] huge = new byte[128 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');

        // when: a raw exchange, because the server answers 413 and closes while the body is still arriving (a client
        // that insists on sending it all first may see the connection reset instead of the answer)
        RawHttp.Received received = RawHttp.exchange(server.port(), "POST " + GithubWebhook.PATH + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nX-GitHub-Event: push\r\n"
                + "X-GitHub-Delivery: big-1\r\nX-Hub-Signature-256: " + signature.sign(huge) + "\r\n"
                + "Content-Length: " + huge.length + "\r\n\r\n", huge, 5000);

        // then
        assertThat(received.status()).isEqualTo(413);
        assertThat(woken).isEmpty();
    }

    @Test
    void should_ignore_events_of_another_repository() throws Exception {
        // given
        String body = Fixtures.read("github/webhooks/check_run.completed.json", Map.of("id", "4404", "name", "build",
                "conclusion", "failure", "head_sha", HEAD, "branch", "czar/login", "number", "57", "repo", "evil/fork"));

        // when
        HttpResponse<String> response = deliver("check_run", UUID.randomUUID().toString(), body, signature.sign(bytes(body)));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ignored");
        assertThat(checks.at(REPO, HEAD)).isEmpty();
        assertThat(woken).isEmpty();
    }

    @Test
    void should_move_the_pull_requests_head_on_a_push_to_its_branch_and_record_a_review() throws Exception {
        // given
        String push = Fixtures.read("github/webhooks/push.json", Map.of("branch", "czar/login", "after", NEXT, "repo", REPO));
        String review = Fixtures.read("github/webhooks/pull_request_review.submitted.json", Map.of("head_sha", NEXT,
                "state", "approved", "number", "57", "repo", REPO));

        // when
        deliver("push", "p-1", push, signature.sign(bytes(push)));
        deliver("pull_request_review", "r-1", review, signature.sign(bytes(review)));

        // then
        PullRequestStore.Details pr = pulls.byNumber(57).orElseThrow();
        assertThat(pr.pr().headSha()).isEqualTo(NEXT);
        assertThat(pr.reviewState()).isEqualTo("approved");
        assertThat(woken).containsExactly("login", "login");
    }

    private String checkRun(long id, String name, String conclusion) {
        return Fixtures.read("github/webhooks/check_run.completed.json", Map.of("id", String.valueOf(id), "name", name,
                "conclusion", conclusion, "head_sha", HEAD, "branch", "czar/login", "number", "57", "repo", REPO));
    }

    private String status(long id, String state) {
        return Fixtures.read("github/webhooks/status.json", Map.of("id", String.valueOf(id), "head_sha", HEAD,
                "context", "ci/jenkins", "state", state, "branch", "czar/login", "repo", REPO));
    }

    private HttpResponse<String> deliver(String event, String delivery, String body, String sig) throws Exception {
        return http.send(request(event, delivery, sig).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String event, String delivery, String sig) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + GithubWebhook.PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/044aadd")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery);
        return sig == null ? builder : builder.header(WebhookSignature.HEADER, sig);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
