package dev.czar.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.SlackFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worker output is hostile text: a real scripted agent prints a broadcast mention, a link, ANSI escapes and planted
 * tokens (fixtures/hostile/worker-output.psv); the notices reach the Slack stand-in through the real Bolt app
 * escaped and masked, in the blocks and in the notification text.
 */
class HostileWorkerOutputSlackTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    WorkerSlackBed bed;

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void should_post_a_failed_workers_log_tail_escaped_and_masked(@TempDir Path tmp) {
        // given
        bed = new WorkerSlackBed(tmp);
        // when
        bed.requests.command(slash("launch hostile Implement it\nagent-mode: crash\nagent-say: " + fixture("say").get(0)));
        bed.await("hostile", ws -> ws.state() == FAILED, "FAILED");
        // then
        Map<String, String> notice = awaitPost("hostile: FAILED");
        for (String shown : List.of(notice.get("text"), String.join("\n", blockTexts(notice)))) {
            assertThat(shown).contains("build failed").contains("&lt;!channel&gt;")
                    .contains("&lt;https://evil.example|Click to re-auth&gt;")
                    .contains("[REDACTED:aws-access-key]", "[REDACTED:github-token]", "[REDACTED:slack-token]",
                            "[REDACTED:jwt]", "[REDACTED:private-key]");
        }
        assertNothingRawReachedSlack();
    }

    @Test
    void should_post_a_waiting_prompt_escaped_and_masked(@TempDir Path tmp) {
        // given
        bed = new WorkerSlackBed(tmp);
        // when
        bed.requests.command(slash("launch asker Implement it\nagent-mode: ask\nagent-file: " + fixture("file").get(0)));
        bed.await("asker", ws -> ws.state() == NEEDS_INPUT, "NEEDS_INPUT");
        // then
        Map<String, String> notice = awaitPost("asker: is waiting for an answer");
        for (String shown : List.of(notice.get("text"), String.join("\n", blockTexts(notice)))) {
            assertThat(shown).contains("work/&lt;!here&gt;-[REDACTED:github-token].txt");
        }
        assertNothingRawReachedSlack();
    }

    /** No post (command echo, answers, notices) carries a live mention, an escape or a planted secret. */
    private void assertNothingRawReachedSlack() {
        List<Map<String, String>> posts = bed.slack.calls("chat.postMessage");
        assertThat(posts).isNotEmpty();
        for (Map<String, String> post : posts) {
            List<String> shown = new ArrayList<>(blockTexts(post));
            shown.add(post.get("text"));
            for (String text : shown) {
                assertThat(text).doesNotContain("<!channel>", "<!here>", "<https://evil", "\u001b", "\u0007");
                fixture("secret").forEach(secret -> assertThat(text).doesNotContain(secret));
            }
        }
    }

    private Map<String, String> awaitPost(String text) {
        return bed.slack.awaitPost(text, WAIT);
    }

    /** Every text in a post's blocks, as Slack would read it (the form carries the blocks as JSON). */
    static List<String> blockTexts(Map<String, String> post) {
        List<String> texts = new ArrayList<>();
        String blocks = post.get("blocks");
        if (blocks == null) {
            return texts;
        }
        try {
            Json.MAPPER.readTree(blocks).findValues("text").forEach(t -> texts.add(t.isTextual() ? t.asText()
                    : t.path("text").asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError("blocks are not JSON: " + blocks, e);
        }
        assertThat(texts).as("texts in " + blocks).isNotEmpty();
        return texts;
    }

    private static List<String> fixture(String key) {
        return Fixtures.text("hostile/worker-output.psv").lines().filter(l -> l.startsWith(key + "|"))
                .map(l -> l.substring(key.length() + 1)).toList();
    }

    private static String slash(String text) {
        return SlackFixtures.slashCommand(WorkerSlackBed.OPERATOR, text);
    }
}
