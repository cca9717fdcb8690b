package dev.czar.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.czar.config.CiConfig;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** czar's one GitHub client against a WireMock stand-in for the REST API. */
class GithubClientTest {
    static final String TOKEN = "ghp_fake_token_for_tests_only";
    static final String PULLS = "/repos/octocat/Hello-World/pulls";

    final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    GithubClient client;

    @BeforeEach
    void start() {
        github.start();
        client = client(github.baseUrl());
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private GithubClient client(String apiUrl) {
        return new GithubClient(new CiConfig.GithubConfig("octocat/Hello-World", apiUrl, 5, 3), TOKEN, clock,
                new GithubClient.Resilience(3, Duration.ofMillis(5), 10, Duration.ofMinutes(1)));
    }

    @Test
    void should_follow_link_headers_until_the_last_page() {
        // given
        String page2 = github.baseUrl() + PULLS + "?per_page=1&page=2";
        github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("page", absent()).willReturn(json("github/pulls.list.page-1.json")
                .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"")));
        github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("page", equalTo("2"))
                .willReturn(json("github/pulls.list.page-2.json").withHeader("Link", "<" + page2 + ">; rel=\"prev\"")));

        // when
        List<JsonNode> pulls = client.getPages("/pulls?per_page=1", null, 10);

        // then
        assertThat(pulls).extracting(p -> p.path("number").asInt()).containsExactly(1347, 1348);
        github.verify(getRequestedFor(urlPathEqualTo(PULLS)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void should_send_the_etag_back_and_answer_a_304_from_the_cached_body() {
        // given
        github.stubFor(get(urlPathEqualTo(PULLS + "/1347")).withHeader("If-None-Match", absent())
                .willReturn(json("github/pulls.list.page-1.json").withHeader("ETag", "\"abc123\"")));
        github.stubFor(get(urlPathEqualTo(PULLS + "/1347")).withHeader("If-None-Match", equalTo("\"abc123\""))
                .willReturn(aResponse().withStatus(304)));

        // when
        JsonNode first = client.getJson("/pulls/1347");
        JsonNode second = client.getJson("/pulls/1347");

        // then
        assertThat(second).isEqualTo(first);
        github.verify(1, getRequestedFor(urlPathEqualTo(PULLS + "/1347")).withHeader("If-None-Match", equalTo("\"abc123\"")));
    }

    @Test
    void should_stop_calling_until_x_ratelimit_reset_after_the_primary_limit() {
        // given
        long reset = clock.instant().plusSeconds(600).getEpochSecond();
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(json("github/rate-limited.json").withStatus(403)
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", String.valueOf(reset))));

        // when
        GithubFailure first = catchThrowableOfType(() -> client.getPages("/pulls", null, 10), GithubFailure.class);
        clock.advance(Duration.ofMinutes(5));
        GithubFailure second = catchThrowableOfType(() -> client.getPages("/pulls", null, 10), GithubFailure.class);

        // then
        assertThat(first.kind()).isEqualTo(GithubFailure.Kind.RATE_LIMITED);
        assertThat(first.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
        assertThat(second.kind()).isEqualTo(GithubFailure.Kind.RATE_LIMITED);
        github.verify(1, getRequestedFor(urlPathEqualTo(PULLS)));
    }

    @Test
    void should_honour_retry_after_on_a_secondary_rate_limit_and_resume_afterwards() {
        // given
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(json("github/rate-limit.secondary.json").withStatus(429)
                .withHeader("Retry-After", "30")));

        // when
        GithubFailure limited = catchThrowableOfType(() -> client.send("POST", "/pulls", Map.of("title", "x"),
                GithubClient.JSON_MEDIA), GithubFailure.class);
        clock.advance(Duration.ofSeconds(31));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(json("github/pulls.list.page-2.json").withStatus(201)));
        GithubResponse created = client.send("POST", "/pulls", Map.of("title", "x"), GithubClient.JSON_MEDIA);

        // then
        assertThat(limited.retryAt()).isEqualTo(Instant.parse("2026-12-07T10:00:30Z"));
        assertThat(created.status()).isEqualTo(201);
        github.verify(2, postRequestedFor(urlPathEqualTo(PULLS)).withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void should_wait_a_minute_on_a_secondary_limit_without_headers() {
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(json("github/rate-limit.secondary.json").withStatus(403)));

        GithubFailure limited = catchThrowableOfType(() -> client.getJson("/pulls"), GithubFailure.class);

        assertThat(limited.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void should_retry_a_get_on_5xx_but_never_repeat_a_post() {
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(502)));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(502)));

        GithubFailure read = catchThrowableOfType(() -> client.getJson("/pulls"), GithubFailure.class);
        GithubFailure write = catchThrowableOfType(() -> client.send("POST", "/pulls", Map.of("title", "x"),
                GithubClient.JSON_MEDIA), GithubFailure.class);

        assertThat(read.kind()).isEqualTo(GithubFailure.Kind.SERVER_ERROR);
        assertThat(write.kind()).isEqualTo(GithubFailure.Kind.SERVER_ERROR);
        github.verify(3, getRequestedFor(urlPathEqualTo(PULLS)));
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
    }

    @Test
    void should_call_an_enterprise_base_url_and_keep_the_token_out_of_every_message() {
        // given GitHub Enterprise serves the API under /api/v3
        GithubClient enterprise = client(github.baseUrl() + "/api/v3/");
        github.stubFor(get(urlPathEqualTo("/api/v3" + PULLS + "/9")).willReturn(json("github/not-found.json").withStatus(404)));

        // when
        GithubFailure refused = catchThrowableOfType(() -> enterprise.getJson("/pulls/9"), GithubFailure.class);

        // then
        assertThat(refused.kind()).isEqualTo(GithubFailure.Kind.REFUSED);
        assertThat(refused.getMessage()).isEqualTo("GitHub refused the request for octocat/Hello-World: HTTP 404"
                + " \"Not Found\" (check ci.github.repo and GITHUB_TOKEN)").doesNotContain(TOKEN);
    }

    private static ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.read(fixture));
    }
}
