package dev.czar.intent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class IntentRouterTest {
    /** The offline router as czar runs it: rules, then the nearest labelled examples (issue 24). */
    private final IntentRouter router = new IntentRouter(IntentRefiner.NONE,
            NearestExamples.shipped(dev.czar.understanding.MiniLmEmbedder.shared()));

    static Stream<Arguments> labelledMessages() throws IOException {
        try (InputStream in = IntentRouterTest.class.getResourceAsStream("/fixtures/intent/labelled-messages.psv")) {
            List<Arguments> rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\|", 2))
                    .map(parts -> Arguments.of(Intent.valueOf(parts[0]), parts[1]))
                    .toList();
            return rows.stream();
        }
    }

    @Test
    void the_labelled_table_covers_at_least_forty_messages_of_every_intent() throws IOException {
        List<Arguments> rows = labelledMessages().toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rows.stream().map(a -> a.get()[0]).distinct()).containsExactlyInAnyOrder(Intent.values());
    }

    @ParameterizedTest(name = "{0} <- \"{1}\"")
    @MethodSource("labelledMessages")
    void should_classify_labelled_message(Intent expected, String message) {
        assertThat(router.route(MessageText.clean(message))).isEqualTo(expected);
    }

    @Test
    void should_never_let_the_refiner_turn_a_question_into_a_command() {
        // given a refiner that tries to escalate everything
        IntentRouter escalating = new IntentRouter((text, proposed) -> Intent.COMMAND);

        // when / then
        assertThat(escalating.route("what landed today?")).isEqualTo(Intent.STATUS);
    }

    @Test
    void should_let_the_refiner_move_an_ambiguous_message_to_conversation() {
        IntentRouter refined = new IntentRouter((text, proposed) -> Intent.CONVERSATION);

        assertThat(refined.route("that is a funny branch name")).isEqualTo(Intent.CONVERSATION);
    }

    @Test
    void should_not_consult_the_refiner_for_explicit_commands_or_greetings() {
        IntentRouter refined = new IntentRouter((text, proposed) -> {
            throw new AssertionError("refiner consulted for: " + text);
        });

        assertThat(refined.route("kill worker-3")).isEqualTo(Intent.COMMAND);
        assertThat(refined.route("thanks")).isEqualTo(Intent.CONVERSATION);
    }

    @Test
    void should_classify_a_very_long_question_by_its_opening() {
        String longQuestion = "what changed on feature-x " + "and why ".repeat(50_000);

        assertThat(router.route(MessageText.clean(longQuestion))).isEqualTo(Intent.STATUS);
        assertThat(router.route(MessageText.clean("launch big " + "step ".repeat(50_000)))).isEqualTo(Intent.COMMAND);
    }

    @Test
    void should_clean_mentions_invisible_characters_and_fullwidth_forms() {
        assertThat(MessageText.clean("<@U0CZAR>  ｓｔａｔｕｓ\u200B of   feature-x")).isEqualTo("status of feature-x");
    }

    @Test
    void should_keep_line_breaks_so_multi_line_task_text_survives() {
        String task = "launch docs Write the README:\r\n  - setup\n\n\n\n  - usage  \n";

        assertThat(MessageText.clean(task)).isEqualTo("launch docs Write the README:\n  - setup\n\n  - usage");
        assertThat(router.route(MessageText.clean(task))).isEqualTo(Intent.COMMAND);
        assertThat(router.route(MessageText.clean("hi\n"))).isEqualTo(Intent.CONVERSATION);
    }

    @Test
    void should_treat_an_empty_message_as_conversation() {
        assertThat(router.route(MessageText.clean(" \u200B "))).isEqualTo(Intent.CONVERSATION);
    }
}
