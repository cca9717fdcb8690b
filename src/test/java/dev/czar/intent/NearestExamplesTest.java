package dev.czar.intent;

import dev.czar.understanding.MiniLmEmbedder;
import dev.czar.understanding.TextEmbedder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline nearest-example step for casual messages (issue 24). */
class NearestExamplesTest {
    private final NearestExamples embedded = NearestExamples.shipped(MiniLmEmbedder.shared());

    @Test
    void should_move_casual_messages_to_conversation_and_never_produce_a_command() {
        assertThat(embedded.refine("thank you, that helps a lot", Intent.STATUS)).isEqualTo(Intent.CONVERSATION);
        assertThat(embedded.refine("lol nice one", Intent.STATUS)).isEqualTo(Intent.CONVERSATION);
        assertThat(embedded.refine("launch the rockets lol", Intent.STATUS)).isNotEqualTo(Intent.COMMAND);
    }

    @Test
    void should_leave_messages_about_the_repository_to_the_rules_without_asking_the_model() {
        NearestExamples refusing = NearestExamples.shipped(new TextEmbedder() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public float[] embed(String text) {
                throw new AssertionError("model asked about: " + text);
            }
        });

        assertThat(refusing.refine("thanks, is feature-x merged", Intent.STATUS)).isEqualTo(Intent.STATUS);
        assertThat(refusing.refine("how is CI", Intent.STATUS)).isEqualTo(Intent.STATUS);
        assertThat(refusing.refine("rofl", Intent.STATUS)).isEqualTo(Intent.CONVERSATION);
    }

    @Test
    void should_keep_the_rules_answer_when_embeddings_are_off() {
        assertThat(NearestExamples.shipped(TextEmbedder.OFF).refine("thank you, that helps a lot", Intent.STATUS))
                .isEqualTo(Intent.STATUS);
    }

    @Test
    void should_not_fail_on_text_the_tokenizer_sees_as_empty() {
        assertThat(embedded.refine("\u200B\u200B \u0007", Intent.STATUS)).isIn(Intent.STATUS, Intent.CONVERSATION);
        assertThat(MiniLmEmbedder.shared().embed("\u200B \u2060")).hasSize(384);
    }
}
