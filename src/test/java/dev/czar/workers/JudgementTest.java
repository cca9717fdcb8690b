package dev.czar.workers;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure judgements: what counts as substance, and what looks like duplicate work. */
class JudgementTest {
    private static BranchFacts.Change change(String path, String... added) {
        return new BranchFacts.Change(path, List.of(added));
    }

    @Test
    void should_pass_a_change_with_real_implementation_lines() {
        GateItem item = Substance.check("Implement login", List.of(change("src/main/java/Login.java", "return user.check();"),
                change("src/test/java/LoginTest.java", "assertThat(x)")));

        assertThat(item.line()).isEqualTo("PASS substance: 1 implementation file(s) changed: src/main/java/Login.java");
    }

    @Test
    void should_not_judge_substance_when_the_task_asks_only_for_tests() {
        GateItem item = Substance.check("Add unit tests for the parser", List.of(change("src/test/java/ParserTest.java", "x")));

        assertThat(item.status()).isEqualTo(GateItem.Status.SKIP);
    }

    @Test
    void should_recognise_test_files_of_several_ecosystems_as_tests() {
        GateItem item = Substance.check("Fix the bug", List.of(change("tests/test_app.py", "x"), change("web/app.spec.ts", "x"),
                change("pkg/app_test.go", "x"), change("src/test/java/AppIT.java", "x")));

        assertThat(item.status()).isEqualTo(GateItem.Status.FAIL);
        assertThat(item.evidence()).startsWith("tests-only change");
    }

    @Test
    void should_flag_duplicates_by_task_text_or_by_mostly_shared_files_but_not_unrelated_work() {
        Instant now = Instant.parse("2026-11-02T09:00:00Z");
        List<WorkerAlert> alerts = new DuplicateDetector().find(List.of(
                new DuplicateDetector.Work("a", "Add rate limiting to the login endpoint", Set.of()),
                new DuplicateDetector.Work("b", "Add rate limiting to login endpoint", Set.of()),
                new DuplicateDetector.Work("c", "Refactor billing", Set.of("src/Bill.java", "src/Tax.java")),
                new DuplicateDetector.Work("d", "Clean up invoices", Set.of("src/Bill.java", "src/Tax.java", "src/Inv.java")),
                new DuplicateDetector.Work("e", "Write the README", Set.of("README.md"))), now);

        assertThat(alerts).extracting(WorkerAlert::line).containsExactly(
                "possible duplicate work a <-> b: task texts are 100% alike",
                "possible duplicate work c <-> d: they touch the same files: src/Bill.java, src/Tax.java");
    }
}
