package dev.czar.agent;

import dev.czar.chat.Evidence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CitationCheckerTest {
    private static final String HEAD = "4be1c7d0a9e3f2b1c0d9e8f7a6b5c4d3e2f1a0b9";
    private final CitationChecker checker = new CitationChecker();
    private final List<Evidence> evidence = List.of(Evidence.git(HEAD, "head of feature-x"));
    private final List<String> toolResults = List.of("branch feature-x 4be1c7d\nmain main 0aa11bb\nahead=2 behind=0 merged=false");

    @Test
    void should_accept_short_and_full_sha_that_tools_returned() {
        // when
        var checked = checker.check("feature-x is at 4be1c7d (" + HEAD + "), main at 0aa11bb.", evidence, toolResults, "status?");
        // then
        assertThat(checked.unverified()).isEmpty();
        assertThat(checked.text()).doesNotContain(CitationChecker.MARK);
    }

    @Test
    void should_flag_unverified_sha_when_answer_cites_unknown_commit() {
        // when
        var checked = checker.check("Fixed in 9c0ffee1 on feature-x.", evidence, toolResults, "status?");
        // then
        assertThat(checked.unverified()).containsExactly("9c0ffee1");
        assertThat(checked.text()).isEqualTo("Fixed in 9c0ffee1 (unverified) on feature-x.");
    }

    @Test
    void should_flag_figure_no_tool_returned_but_accept_figures_they_did() {
        // when
        var checked = checker.check("feature-x is 2 commits ahead, 0 behind, with 97% coverage.", evidence, toolResults, "status?");
        // then
        assertThat(checked.unverified()).containsExactly("97%");
        assertThat(checked.text()).isEqualTo("feature-x is 2 commits ahead, 0 behind, with 97% (unverified) coverage.");
    }

    @Test
    void should_check_a_figure_whose_unit_follows_an_adjective() {
        // when
        var checked = checker.check("It adds 12 new files and 2 more commits.", evidence, toolResults, "?");
        // then
        assertThat(checked.unverified()).containsExactly("12 new files");
    }

    @Test
    void should_accept_figure_the_user_stated_in_the_question() {
        // when
        var checked = checker.check("Nothing landed in the last 3 days.", List.of(), List.of("0 commits landed on main since"), "what landed in the last 3 days?");
        // then
        assertThat(checked.unverified()).isEmpty();
    }

    @Test
    void should_flag_ci_run_id_and_benchmark_row_no_tool_returned() {
        // when
        var checked = checker.check("CI run #81234567 passed; see bench row 42.", evidence, toolResults, "ci?");
        // then
        assertThat(checked.unverified()).containsExactly("run #81234567", "bench row 42");
    }

    @Test
    void should_not_mistake_hex_looking_words_for_commits() {
        // when
        var checked = checker.check("The decade-old facade was effaced and added back.", evidence, toolResults, "?");
        // then
        assertThat(checked.unverified()).isEmpty();
    }

    @Test
    void should_check_an_all_digit_short_sha_like_any_other() {
        // given
        List<Evidence> digits = List.of(Evidence.git("3456726094ac8a07c435fd132250d6e2cf9c6cd6", "head of feature-x"));
        // when
        var checked = checker.check("feature-x is at 3456726, not 1234567.", digits, List.of("branch feature-x 3456726"), "?");
        // then
        assertThat(checked.unverified()).containsExactly("1234567");
    }

    @Test
    void should_flag_every_unverified_claim_in_order_of_appearance() {
        // when
        var checked = checker.check("abc1234 then 5 files then def5678.", evidence, toolResults, "?");
        // then
        assertThat(checked.unverified()).containsExactly("abc1234", "5 files", "def5678");
        assertThat(checked.text()).isEqualTo("abc1234 (unverified) then 5 files (unverified) then def5678 (unverified).");
    }
}
