package dev.czar.intent;

import dev.czar.config.ConfigException;
import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.TempGitRepo;
import dev.czar.understanding.MiniLmEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator's own intent examples (issue 24, understanding.intent-examples): added to the shipped set for the
 * offline CONVERSATION/STATUS step; an example can never make a message a COMMAND, so one labelled COMMAND is
 * refused when czar starts, in one line.
 */
class IntentExamplesTest {
    @TempDir
    Path tmp;

    @Test
    void should_sort_a_teams_own_casual_phrase_as_conversation_once_it_is_an_example() {
        // given
        NearestExamples shipped = NearestExamples.shipped(MiniLmEmbedder.shared());
        NearestExamples extended = NearestExamples.withExtra(MiniLmEmbedder.shared(),
                Fixtures.path("intent/team-examples.psv"));

        // when / then
        assertThat(shipped.refine("may the force be with you", Intent.STATUS)).isEqualTo(Intent.STATUS);
        assertThat(extended.refine("may the force be with you", Intent.STATUS)).isEqualTo(Intent.CONVERSATION);
        assertThat(extended.refine("live long and prosper!", Intent.STATUS)).isEqualTo(Intent.CONVERSATION);
        assertThat(extended.refine("thank you, that helps a lot", Intent.STATUS)).isEqualTo(Intent.CONVERSATION);
    }

    @Test
    void should_refuse_an_example_labelled_command() {
        assertThatThrownBy(() -> NearestExamples.withExtra(MiniLmEmbedder.shared(),
                Fixtures.path("intent/command-example.psv")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("command-example.psv) line 3: an example cannot be labelled COMMAND");
        assertThatThrownBy(() -> IntentExamples.parse("STATUS what's up\n", "x"))
                .hasMessage("x line 1: expected CONVERSATION|message or STATUS|message; got 'STATUS what's up'");
    }

    @Test
    void should_stop_czar_at_start_up_with_one_line_when_an_example_is_labelled_command() {
        // given
        try (TempGitRepo repo = TempGitRepo.init(tmp.resolve("repo"), "main")) {
            repo.commit("initial", Map.of("README.md", "demo\n"));
            Map<String, String> env = Map.of("CZAR_UNDERSTANDING_INTENT_EXAMPLES",
                    Fixtures.path("intent/command-example.psv").toString());

            // when
            CliRun run = CliRun.run(env, Clock.fixed(Instant.parse("2026-11-06T10:00:00Z"), ZoneOffset.UTC),
                    "ask", "hello", "--repo", repo.dir().toString(), "--home", tmp.resolve("home").toString());

            // then
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip().lines()).singleElement().asString()
                    .startsWith("czar: understanding.intent-examples (")
                    .contains("line 3: an example cannot be labelled COMMAND");
            assertThat(run.out()).isEmpty();
        }
    }
}
