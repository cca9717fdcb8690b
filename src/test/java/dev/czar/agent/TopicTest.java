package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one topic router: which tools the model is offered, and which offline answer may take a question. */
class TopicTest {

    @Test
    void should_offer_ci_tools_for_a_question_about_tests_but_leave_its_offline_answer_to_git() {
        String question = "which tests did feature-x add?";

        assertThat(Topic.CI.mentionedIn(question)).isTrue();
        assertThat(Topic.CI.claims(question)).isFalse();
    }

    @Test
    void should_let_the_ci_answer_claim_questions_about_builds_and_failures_in_any_case() {
        assertThat(Topic.CI.claims("Is CI green on feature-x?")).isTrue();
        assertThat(Topic.CI.claims("why does the build of feature-x fail?")).isTrue();
        assertThat(Topic.CI.claims("what changed on feature-x?")).isFalse();
    }

    @Test
    void should_let_the_benchmark_answer_claim_slow_and_fast_although_the_model_is_offered_its_tools_for_slower_only() {
        assertThat(Topic.BENCH.claims("is parse_json slow on feature-x?")).isTrue();
        assertThat(Topic.BENCH.mentionedIn("is parse_json slow on feature-x?")).isFalse();
        assertThat(Topic.BENCH.mentionedIn("did feature-x make parse_json slower?")).isTrue();
    }

    @Test
    void should_ask_a_routed_answer_only_for_the_questions_its_topic_claims() {
        List<String> asked = new ArrayList<>();
        TopicAnswers routed = Topic.CI.answeredBy((question, log) -> {
            asked.add(question);
            return Optional.of("CI answer");
        });

        Optional<String> offTopic = routed.answer("what changed on feature-x?", new EvidenceLog());
        Optional<String> onTopic = routed.answer("is CI green on feature-x?", new EvidenceLog());

        assertThat(offTopic).isEmpty();
        assertThat(onTopic).contains("CI answer");
        assertThat(asked).containsExactly("is CI green on feature-x?");
    }

    @Test
    void should_find_any_topic_word_for_the_branch_name_check_including_the_fleet_words() {
        assertThat(Topic.anyIn("status of agent/auth-login")).isTrue();
        assertThat(Topic.anyIn("is everyone waiting?")).isTrue();
        assertThat(Topic.anyIn("status of feature-x")).isFalse();
    }
}
