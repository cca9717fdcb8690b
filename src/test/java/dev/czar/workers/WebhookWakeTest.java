package dev.czar.workers;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.czar.config.CiConfig;
import dev.czar.github.GithubClient;
import dev.czar.store.AuditLog;
import dev.czar.github.GithubWebhook;
import dev.czar.github.PullRequestApi;
import dev.czar.github.PullRequestChecks;
import dev.czar.github.PullRequestPublisher;
import dev.czar.github.PullRequestStore;
import dev.czar.github.RemoteBranches;
import dev.czar.github.WebhookSignature;
import dev.czar.testsupport.Fixtures;
import dev.czar.web.HttpCall;
import dev.czar.web.HttpReply;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook instead of the next poll: while a gate waits on running checks it looks again only every
 * {@link GateRuns#CI_RECHECK}; a verified {@code check_run} delivery for the pull request's head makes it look now.
 */
class WebhookWakeTest {
    static final String REPO = "/repos/octocat/Hello-World";
    static final String SECRET = "fake-webhook-secret-for-tests";

    @TempDir
    Path tmp;
    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    Fleet fleet;
    PullRequestStore prs;

    @BeforeEach
    void setUp() throws Exception {
        github.start();
        GithubClient client = new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", github.baseUrl(), 5, 2),
                "ghp_fake_token_for_tests_only", Clock.systemUTC(),
                new GithubClient.Resilience(2, Duration.ofMillis(5), 10, Duration.ofMinutes(1)));
        fleet = new Fleet(tmp, Map.of(), (f, wiring) -> {
            prs = new PullRequestStore(f.db);
            return wiring.publishing(new PullRequestPublisher(new RemoteBranches(f.repo.git().getRepository(), "origin", Duration.ZERO,
                    Clock.systemUTC()), new PullRequestApi(client), prs, Clock.systemUTC()), null)
                    .ci(new PullRequestChecks(client));
        });
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        fleet.repo.git().remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        fleet.repo.git().push().setRemote("origin").add("main").call();
        String created = Fixtures.read("github/pulls.create.json", Map.of("title", "Add a login page", "body", "…", "head", "0".repeat(40)));
        github.stubFor(get(urlPathEqualTo(REPO + "/pulls")).willReturn(json("[]", 200)));
        github.stubFor(post(urlPathEqualTo(REPO + "/pulls")).willReturn(json(created, 201)));
        github.stubFor(patch(urlPathEqualTo(REPO + "/pulls/1347")).willReturn(json(created, 200)));
        github.stubFor(post(urlPathEqualTo("/graphql")).willReturn(json(Fixtures.read("github/graphql.mark-ready.json"), 200)));
        github.stubFor(get(urlPathMatching(REPO + "/commits/.*/status")).willReturn(json(Fixtures.read(
                "github/combined-status.empty.json", Map.of("head", "0".repeat(40))), 200)));
    }

    @AfterEach
    void tearDown() {
        fleet.close();
        github.stop();
    }

    @Test
    void should_recheck_a_gate_waiting_on_checks_as_soon_as_a_check_run_delivery_arrives() {
        // given a verified head whose check is still running
        stubCheckRuns("in_progress", "");
        fleet.launch("login", "Add a login page\nagent-mode: commit\nagent-file: login.html\n");
        fleet.await("login", w -> w.state() == WorkstreamState.VERIFYING && ci("login").status() == GateItem.Status.WAIT
                && prs.of("login").isPresent(), Fleet.PATIENCE, "verifying, waiting on checks");
        String head = prs.of("login").orElseThrow().headSha();
        stubCheckRuns("completed", "success");
        GithubWebhook webhook = GithubWebhook.fromConfig(new CiConfig.GithubConfig("octocat/Hello-World", github.baseUrl(),
                5, 2, SECRET), fleet.db, fleet.workers, new AuditLog(fleet.db, Clock.systemUTC()), Clock.systemUTC()).orElseThrow();
        String body = Fixtures.read("github/webhooks/check_run.completed.json", Map.of("id", "4", "name", "build",
                "conclusion", "success", "head_sha", head, "branch", "czar/login", "number", "1347", "repo", "octocat/Hello-World"));

        // when GitHub tells czar the check completed
        long started = System.nanoTime();
        HttpReply reply = webhook.handle(delivery("check_run", body));

        // then the gate looks again at once, not after the 30 s recheck interval
        assertThat(reply.status()).isEqualTo(200);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("woke login");
        fleet.await("login", w -> ci("login").status() == GateItem.Status.PASS, Fleet.PATIENCE, "ci green");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(GateRuns.CI_RECHECK);
    }

    private GateItem ci(String name) {
        return fleet.workers.history().latestGate(name).stream().filter(i -> i.item().equals("ci")).findFirst()
                .orElse(new GateItem("ci", GateItem.Status.SKIP, "not gated"));
    }

    private void stubCheckRuns(String status, String conclusion) {
        String body = Fixtures.read("github/check-runs.list.json", Map.of("head", "0".repeat(40), "status", status,
                "conclusion", conclusion, "title", "Build", "summary", "running", "annotations", "0"));
        github.stubFor(get(urlPathMatching(REPO + "/commits/.*/check-runs")).willReturn(json(body, 200)));
    }

    private static HttpCall delivery(String event, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("X-GitHub-Event", List.of(event));
        headers.put("X-GitHub-Delivery", List.of("wake-1"));
        headers.put(WebhookSignature.HEADER, List.of(new WebhookSignature(SECRET).sign(bytes)));
        return new HttpCall("POST", GithubWebhook.PATH, null, headers, bytes, "127.0.0.1");
    }

    private static ResponseDefinitionBuilder json(String body, int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
