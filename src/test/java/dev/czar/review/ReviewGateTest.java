package dev.czar.review;

import dev.czar.testsupport.TempGitRepo;
import dev.czar.workers.GateItem;
import dev.czar.workers.ReviewGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.czar.review.ReviewHarness.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** The review item of the Definition of Done, decided by a real offline review of a real branch. */
class ReviewGateTest {
    @TempDir
    Path tmp;
    TempGitRepo repo;
    ReviewHarness harness;

    @BeforeEach
    void base() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("base", Map.of("README.md", "# shop\n"));
    }

    @AfterEach
    void close() {
        harness.close();
        repo.close();
    }

    @Test
    void should_fail_the_gate_with_the_blocker_when_a_worker_commits_credentials() {
        repo.branch("czar/deploy").commit("add deploy credentials", Map.of("config/aws.env", fixture("review/aws-credentials.env")));
        harness = ReviewHarness.offline(repo.dir());

        GateItem item = ReviewGate.over(harness.service).check("czar/deploy").orElseThrow();

        assertThat(item.status()).isEqualTo(GateItem.Status.FAIL);
        assertThat(item.evidence()).contains("blocker(s): AWS access key id committed in config/aws.env:3")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void should_pass_a_harmless_change_citing_the_review() {
        repo.branch("czar/docs").commit("document usage", Map.of("docs/usage.md", "Run the shop.\n"));
        harness = ReviewHarness.offline(repo.dir());

        GateItem item = ReviewGate.over(harness.service).check("czar/docs").orElseThrow();

        assertThat(item.status()).isEqualTo(GateItem.Status.PASS);
        assertThat(item.evidence()).startsWith("review 1 (offline): ");
    }

    @Test
    void should_keep_the_last_review_once_the_branch_is_merged_and_has_nothing_left_to_diff() {
        repo.branch("czar/docs").commit("document usage", Map.of("docs/usage.md", "Run the shop.\n"));
        harness = ReviewHarness.offline(repo.dir());
        ReviewGate.Check gate = ReviewGate.over(harness.service);
        gate.check("czar/docs");
        repo.checkout("main").merge("czar/docs");

        GateItem item = gate.check("czar/docs").orElseThrow();

        assertThat(item.status()).isEqualTo(GateItem.Status.PASS);
        assertThat(item.evidence()).startsWith("review 1 (offline): ");
    }

    @Test
    void should_skip_with_the_reason_when_the_branch_has_nothing_to_review() {
        repo.branch("czar/empty");
        harness = ReviewHarness.offline(repo.dir());

        GateItem item = ReviewGate.over(harness.service).check("czar/empty").orElseThrow();

        assertThat(item.status()).isEqualTo(GateItem.Status.SKIP);
    }
}
