package dev.czar.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Answer;
import dev.czar.chat.Json;
import dev.czar.chat.Message;
import dev.czar.config.SlackConfig;
import dev.czar.testsupport.SlackApiStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack's sending side, which Socket Mode and HTTP share: what each kind of send puts on the wire. */
class SlackGatewayTest {
    StubbedSlackGateway stubbed;
    SlackApiStub slack;

    @BeforeEach
    void start() {
        stubbed = StubbedSlackGateway.standalone();
        slack = stubbed.slack;
    }

    @AfterEach
    void stop() {
        stubbed.close();
    }

    @Test
    void should_update_a_posted_message_with_its_new_text_rendered_inert() throws JsonProcessingException {
        // when
        boolean updated = stubbed.gateway.update("C0CHANNEL1", "1764250000.000200", "fix-login: DONE <!channel>");

        // then
        assertThat(updated).isTrue();
        Map<String, String> call = slack.calls("chat.update").get(0);
        assertThat(call).containsEntry("channel", "C0CHANNEL1").containsEntry("ts", "1764250000.000200");
        assertThat(call.get("text")).startsWith("fix-login: DONE").doesNotContain("<!channel>");
        assertThat(blockTexts(call)).singleElement().satisfies(text -> assertThat(text)
                .startsWith("fix-login: DONE").doesNotContain("<!channel>"));
    }

    @Test
    void should_reply_to_a_slash_command_in_its_thread_headed_by_who_ran_it_and_remember_the_thread()
            throws JsonProcessingException {
        // given
        Message question = new Message("/czar status", "U0ALICE", "C0CHANNEL1", "1764250000.000300", Instant.now());

        // when
        stubbed.gateway.reply(question, Answer.conversation("all quiet"));

        // then
        Map<String, String> post = slack.calls("chat.postMessage").get(0);
        assertThat(post).containsEntry("channel", "C0CHANNEL1").containsEntry("thread_ts", "1764250000.000300")
                .containsEntry("text", "all quiet");
        assertThat(blockTexts(post)).containsExactly("<@U0ALICE> ran `/czar status`", "all quiet");
        assertThat(new ThreadMemory(stubbed.db, Clock.systemUTC()).isIn("C0CHANNEL1", "1764250000.000300")).isTrue();
    }

    @Test
    void should_post_a_line_czar_wrote_itself_without_escaping_its_mentions() {
        // when
        stubbed.gateway.say(new Message("", "U0BOB", "C0CHANNEL1", "1764250000.000400", Instant.now()),
                "<@U0BOB> only <@U0ALICE> or an admin can confirm or cancel this.");

        // then
        assertThat(slack.calls("chat.postMessage").get(0)).containsEntry("thread_ts", "1764250000.000400")
                .containsEntry("text", "<@U0BOB> only <@U0ALICE> or an admin can confirm or cancel this.");
    }

    @Test
    void should_park_a_destructive_command_received_through_the_gateway_behind_confirm_buttons(@TempDir Path dir) {
        try (SlackTestBed bed = new SlackTestBed(dir, new SlackConfig(null))) {
            // when
            Answer answer = bed.frontDoor.gateway().receive(bed.chat,
                    new Message("kill w1", SlackTestBed.ADMIN, "C0CHANNEL1", "1764250000.000500", Instant.now()));

            // then
            assertThat(bed.slack.calls("chat.postMessage")).singleElement().satisfies(prompt -> {
                assertThat(prompt).containsEntry("thread_ts", "1764250000.000500");
                assertThat(prompt.get("blocks"))
                        .contains(BlockKitRenderer.CONFIRM_ACTION, BlockKitRenderer.CANCEL_ACTION);
            });
            assertThat(answer.text()).startsWith("Confirm kill w1");
            assertThat(bed.killed).isEmpty();
        }
    }

    /** The mrkdwn of each block (a section's text, a context's elements), decoded from the posted JSON. */
    private static List<String> blockTexts(Map<String, String> call) throws JsonProcessingException {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : Json.MAPPER.readTree(call.get("blocks"))) {
            if (block.has("text")) {
                texts.add(block.path("text").path("text").asText());
            }
            block.path("elements").forEach(e -> texts.add(e.path("text").asText()));
        }
        return texts;
    }
}
