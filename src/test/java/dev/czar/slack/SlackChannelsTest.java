package dev.czar.slack;

import dev.czar.config.SlackConfig;
import dev.czar.testsupport.SlackFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SlackChannelsTest {
    @Test
    void should_answer_only_in_listed_channels_but_always_in_direct_messages(@TempDir Path dir) throws InterruptedException {
        // given czar may answer only in C0OTHER
        SlackConfig onlyOther = new SlackConfig(null, null, null, null, null, null, null, List.of("C0OTHER"));
        try (SlackTestBed bed = new SlackTestBed(dir, onlyOther)) {

            // when a mention arrives in C0CHANNEL1 and a DM arrives
            int mention = bed.requests.event(SlackHttpFrontDoorTest.mention("Ev" + UUID.randomUUID(),
                    "1764250000.000700", "status of feature-x")).statusCode();
            bed.requests.event(SlackFixtures.fill("payloads/message.im.json", Map.of("user", SlackTestBed.VIEWER,
                    "text", "status of feature-x", "ts", "1764250000.000701", "event_id", "Ev" + UUID.randomUUID())));

            // then only the DM is answered, and the mention was still acknowledged
            assertThat(mention).isEqualTo(200);
            bed.slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(10));
            assertThat(bed.frontDoor.tally().await(DeliveryTally.Ending.IGNORED, 1, Duration.ofSeconds(10))).isTrue();
            assertThat(bed.frontDoor.tally().await(DeliveryTally.Ending.ANSWERED, 1, Duration.ofSeconds(10))).isTrue();
            assertThat(bed.slack.calls("chat.postMessage")).extracting(p -> p.get("channel")).containsExactly("D0DIRECTMSG");
        }
    }
}
