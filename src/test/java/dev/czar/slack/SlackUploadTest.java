package dev.czar.slack;

import dev.czar.store.Database;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.SlackFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Chart uploads with Slack's current file API (getUploadURLExternal, upload, completeUploadExternal) against WireMock. */
class SlackUploadTest {
    private static final String UPLOAD_PATH = "/upload/v1/chart-upload";

    SlackApiStub slack;
    Database db;
    StubbedSlackGateway stubbed;
    SlackGateway outbound;

    @BeforeEach
    void start() {
        slack = new SlackApiStub();
        db = Database.open("jdbc:h2:mem:upload-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        slack.server().stubFor(post(urlPathEqualTo("/api/files.getUploadURLExternal")).willReturn(okJson(
                SlackFixtures.read("files.getUploadURLExternal.json").replace("{{upload_url}}", slack.server().baseUrl() + UPLOAD_PATH))));
        slack.server().stubFor(post(urlPathEqualTo(UPLOAD_PATH)).willReturn(ok("OK - 1234")));
        slack.server().stubFor(post(urlPathEqualTo("/api/files.completeUploadExternal")).willReturn(okJson(
                SlackFixtures.read("files.completeUploadExternal.json"))));
        stubbed = new StubbedSlackGateway(slack, db, Clock.systemUTC());
        outbound = stubbed.gateway;
    }

    @AfterEach
    void stop() {
        stubbed.close();
        db.close();
        slack.close();
    }

    @Test
    void should_upload_a_chart_into_the_digest_thread_with_the_external_upload_flow() {
        // given
        byte[] png = "\u0089PNG fake chart bytes".getBytes(StandardCharsets.ISO_8859_1);

        // when
        boolean shared = outbound.upload("C0CHANNEL1", "1764250000.000200", "parse-trend.png", png, "parse trend");

        // then
        assertThat(shared).isTrue();
        Map<String, String> asked = slack.calls("files.getUploadURLExternal").get(0);
        assertThat(asked).containsEntry("filename", "parse-trend.png").containsEntry("length", String.valueOf(png.length));
        byte[] uploaded = slack.server().findAll(postRequestedFor(urlPathEqualTo(UPLOAD_PATH))).get(0).getBody();
        assertThat(new String(uploaded, StandardCharsets.ISO_8859_1)).contains("PNG fake chart bytes");
        Map<String, String> completed = slack.calls("files.completeUploadExternal").get(0);
        assertThat(completed).containsEntry("channel_id", "C0CHANNEL1").containsEntry("thread_ts", "1764250000.000200");
        assertThat(completed.get("files")).contains("\"id\":\"F0CHART0001\"").contains("parse trend");
    }

    @Test
    void should_post_a_digest_as_plain_text_and_return_its_ts_for_the_thread() {
        assertThat(outbound.post("C0CHANNEL1", null, "czar digest: nothing new")).contains("1764250000.000200");
        assertThat(slack.calls("chat.postMessage").get(0)).containsEntry("channel", "C0CHANNEL1")
                .containsEntry("text", "czar digest: nothing new");
    }
}
