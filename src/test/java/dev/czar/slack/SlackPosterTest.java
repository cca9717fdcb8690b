package dev.czar.slack;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.Slack;
import dev.czar.config.SlackConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.SlackFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Retries, Retry-After and the outbox, against WireMock answering like the Slack Web API. */
class SlackPosterTest {
    private static final String POST = "/api/chat.postMessage";

    SlackApiStub slack;
    Database db;
    SlackOutbox outbox;
    SlackPoster poster;

    @BeforeEach
    void start() {
        slack = new SlackApiStub();
        db = dev.czar.testsupport.MemoryDatabase.open();
        outbox = new SlackOutbox(db, Clock.systemUTC());
        Slack sdk = Slack.getInstance(SlackFrontDoor.sdkConfig(new SlackConfig(slack.apiUrl())));
        poster = new SlackPoster(sdk.methods(SlackApiStub.BOT_TOKEN), outbox, 3, 10);
    }

    @AfterEach
    void stop() {
        db.close();
        slack.close();
    }

    @Test
    void should_wait_for_retry_after_when_slack_answers_429_and_then_post() {
        // given
        slack.server().stubFor(post(urlPathEqualTo(POST)).inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody(SlackFixtures.read("chat.postMessage.ratelimited.json")))
                .willSetStateTo("limited once"));
        slack.server().stubFor(post(urlPathEqualTo(POST)).inScenario("rate limit").whenScenarioStateIs("limited once")
                .willReturn(okJson(SlackFixtures.read("chat.postMessage.json"))));

        // when
        Optional<String> ts = poster.post("C0CHANNEL1", "1764250000.000100", "hello", List.of());

        // then
        assertThat(ts).contains("1764250000.000200");
        List<LoggedRequest> tries = slack.server().findAll(postRequestedFor(urlPathEqualTo(POST)));
        assertThat(tries).hasSize(2);
        long waitedMs = tries.get(1).getLoggedDate().getTime() - tries.get(0).getLoggedDate().getTime();
        assertThat(waitedMs).as("pause before the retry (ms)").isGreaterThanOrEqualTo(950);
        assertThat(outbox.unposted()).isEmpty();
    }

    @Test
    void should_park_the_reply_in_the_outbox_when_slack_keeps_failing_and_repost_it_later() {
        // given
        slack.server().stubFor(post(urlPathEqualTo(POST)).willReturn(serverError()));

        // when
        Optional<String> ts = poster.post("C0CHANNEL1", "1764250000.000100", "the answer", List.of());

        // then
        assertThat(ts).isEmpty();
        assertThat(slack.server().findAll(postRequestedFor(urlPathEqualTo(POST)))).hasSize(3);
        assertThat(outbox.unposted()).singleElement().satisfies(parked -> {
            assertThat(parked.text()).isEqualTo("the answer");
            assertThat(parked.threadTs()).isEqualTo("1764250000.000100");
            assertThat(parked.error()).contains("HTTP 500");
        });

        // and when Slack is back
        slack.server().stubFor(post(urlPathEqualTo(POST)).willReturn(okJson(SlackFixtures.read("chat.postMessage.json"))));
        assertThat(poster.flushOutbox()).isEqualTo(1);
        assertThat(outbox.unposted()).isEmpty();
    }

    @Test
    void should_not_retry_an_error_that_cannot_succeed() {
        // given
        slack.server().stubFor(post(urlPathEqualTo(POST))
                .willReturn(okJson(SlackFixtures.read("chat.postMessage.channel_not_found.json"))));

        // when
        Optional<String> ts = poster.post("C0GONE", null, "the answer", List.of());

        // then
        assertThat(ts).isEmpty();
        assertThat(slack.server().findAll(postRequestedFor(urlPathEqualTo(POST)))).hasSize(1);
        assertThat(outbox.unposted()).singleElement().satisfies(p -> assertThat(p.error()).contains("channel_not_found"));
    }
}
