package dev.czar.review;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewAggregatorTest {
    private static Finding finding(String persona, Severity severity, String title, String file, Integer line) {
        return Finding.of(persona, severity, title, file, line, "fix it", "model");
    }

    @Test
    void should_merge_the_same_problem_seen_by_two_personas_keeping_the_worst_severity() {
        List<Finding> merged = ReviewAggregator.merge(List.of(
                finding("product", Severity.MINOR, "Order query built by SQL string concatenation", "a.java", 8),
                finding("security", Severity.MAJOR, "SQL query built by string concatenation", "a.java", 7)));

        assertThat(merged).singleElement().satisfies(f -> {
            assertThat(f.personas()).containsExactly("product", "security");
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
            assertThat(f.title()).isEqualTo("SQL query built by string concatenation");
        });
    }

    @Test
    void should_keep_findings_apart_when_file_or_place_differ() {
        List<Finding> merged = ReviewAggregator.merge(List.of(
                finding("security", Severity.MAJOR, "SQL query built by string concatenation", "a.java", 7),
                finding("product", Severity.MAJOR, "SQL query built by string concatenation", "b.java", 7),
                finding("ops", Severity.MAJOR, "SQL query built by string concatenation", "a.java", 70)));

        assertThat(merged).hasSize(3);
    }

    @Test
    void should_keep_one_personas_rule_findings_apart_but_merge_its_model_repeating_a_rule() {
        Finding keyId = Finding.of("security", Severity.BLOCKER, "AWS access key id committed", "aws.env", 3, "rotate", "secrets");
        Finding secret = Finding.of("security", Severity.BLOCKER, "AWS secret access key committed", "aws.env", 4, "rotate", "secrets");
        Finding model = finding("security", Severity.MAJOR, "AWS access key committed in aws.env", "aws.env", 3);

        List<Finding> merged = ReviewAggregator.merge(List.of(keyId, secret, model));

        assertThat(merged).extracting(Finding::title).containsExactly("AWS access key id committed", "AWS secret access key committed");
        assertThat(merged.get(0).personas()).containsExactly("security");
    }

    @Test
    void should_never_give_a_clean_verdict_while_a_persona_failed() {
        assertThat(ReviewAggregator.verdict(List.of(), List.of("ops"))).isEqualTo("incomplete");
        assertThat(ReviewAggregator.verdict(List.of(finding("x", Severity.INFO, "note", null, null)), List.of("ops")))
                .isEqualTo("incomplete");
        assertThat(ReviewAggregator.verdict(List.of(), List.of())).isEqualTo("passed");
        assertThat(ReviewAggregator.verdict(List.of(finding("x", Severity.MINOR, "note", null, null)), List.of()))
                .isEqualTo("passed_with_notes");
        assertThat(ReviewAggregator.verdict(List.of(finding("x", Severity.BLOCKER, "key", null, null)), List.of("ops")))
                .isEqualTo("blocked");
    }
}
