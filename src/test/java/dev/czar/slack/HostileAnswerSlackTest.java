package dev.czar.slack;

import dev.czar.config.SlackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer quoting a hostile branch name and commit subject, through the real Bolt app to the Slack stand-in: the
 * broadcast mentions and the forged link arrive as text, the planted key masked, in blocks and fallback text.
 */
class HostileAnswerSlackTest {
    private static final String BRANCH = "<!here>";
    private static final String SUBJECT = "<https://evil.example|Click to re-auth> <!channel> key AKIAQWERTYUIOPASDFGH";

    @Test
    void should_neutralise_a_hostile_branch_name_and_commit_subject_in_an_answer(@TempDir Path tmp) {
        try (SlackTestBed bed = new SlackTestBed(tmp, new SlackConfig(null))) {
            // given
            bed.repo.branch(BRANCH).checkout(BRANCH);
            bed.repo.commit("evil", Map.of("evil.txt", "x\n"));
            bed.repo.checkout("feature-x");
            bed.repo.commit(SUBJECT, Map.of("x.txt", "y\n"));
            bed.repo.checkout("main");
            // when: Slack sends what a person typed with its own markup, as it does for "status of @here"
            bed.requests.event(SlackHttpFrontDoorTest.mention("Ev" + UUID.randomUUID(), "1764250000.000900",
                    "what is the status of branch " + BRANCH + "?"));
            bed.requests.event(SlackHttpFrontDoorTest.mention("Ev" + UUID.randomUUID(), "1764250000.000901",
                    "status of feature-x"));
            // then
            List<Map<String, String>> posts = bed.slack.awaitCalls("chat.postMessage", 2, Duration.ofSeconds(20));
            List<String> shown = new ArrayList<>();
            for (Map<String, String> post : posts) {
                shown.addAll(HostileWorkerOutputSlackTest.blockTexts(post));
                shown.add(post.get("text"));
            }
            assertThat(String.join("\n", shown)).contains("&lt;!here&gt; (+1)")
                    .contains("&lt;https://evil.example|Click to re-auth&gt; &lt;!channel&gt; key [REDACTED:aws-access-key]");
            assertThat(posts).allSatisfy(p -> assertThat(p.get("text")).contains("&lt;"));
            for (String text : shown) {
                assertThat(text).doesNotContain("<!here>", "<!channel>", "<https://evil", "AKIAQWERTYUIOPASDFGH");
            }
        }
    }
}
