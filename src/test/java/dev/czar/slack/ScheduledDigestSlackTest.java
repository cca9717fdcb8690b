package dev.czar.slack;

import dev.czar.config.DigestConfig;
import dev.czar.digest.BenchSource;
import dev.czar.digest.DigestFixture;
import dev.czar.digest.DigestSchedule;
import dev.czar.digest.DigestScheduler;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.SlackFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A scheduled digest goes out through the Slack poster, and the worst regression's chart lands in its thread. */
class ScheduledDigestSlackTest {
    @TempDir
    Path tmp;
    SlackApiStub slack;
    DigestFixture fx;
    StubbedSlackGateway stubbed;

    @AfterEach
    void stop() {
        if (stubbed != null) {
            stubbed.close();
        }
        if (fx != null) {
            fx.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void should_post_the_digest_to_the_channel_and_upload_the_chart_into_its_thread() {
        // given
        slack = new SlackApiStub();
        slack.server().stubFor(post(urlPathEqualTo("/api/files.getUploadURLExternal")).willReturn(okJson(
                SlackFixtures.read("files.getUploadURLExternal.json").replace("{{upload_url}}", slack.server().baseUrl() + "/upload/1"))));
        slack.server().stubFor(post(urlPathEqualTo("/upload/1")).willReturn(ok("OK")));
        slack.server().stubFor(post(urlPathEqualTo("/api/files.completeUploadExternal")).willReturn(okJson(
                SlackFixtures.read("files.completeUploadExternal.json"))));
        fx = new DigestFixture(tmp);
        fx.bench.changes.put("main", List.of(new BenchSource.BenchChange("parse", "parse time", 1.12, true, "slower", List.of(3L))));
        fx.bench.png = new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        stubbed = new StubbedSlackGateway(slack, fx.db, fx.clock);
        SlackGateway outbound = stubbed.gateway;
        DigestScheduler scheduler = new DigestScheduler(List.of(DigestSchedule.parse(
                new DigestConfig.Schedule("0 9 * * MON-FRI", "Europe/Berlin", "C0CHANNEL1", false), 0)),
                fx.digests(), fx.bench, outbound, fx.clock);
        fx.clock.set(Instant.parse("2026-11-02T07:00:00Z"));
        scheduler.tick();

        // when: Monday 09:00 Berlin (08:00Z) has come
        fx.clock.set(Instant.parse("2026-11-02T08:00:10Z"));
        int posted = scheduler.tick();

        // then
        assertThat(posted).isEqualTo(1);
        Map<String, String> message = slack.calls("chat.postMessage").get(0);
        assertThat(message).containsEntry("channel", "C0CHANNEL1");
        assertThat(message.get("text")).startsWith("czar digest, since ").contains("parse time on main: slower (ratio 1.12)");
        assertThat(slack.calls("files.completeUploadExternal").get(0))
                .containsEntry("channel_id", "C0CHANNEL1").containsEntry("thread_ts", "1764250000.000200");
    }
}
