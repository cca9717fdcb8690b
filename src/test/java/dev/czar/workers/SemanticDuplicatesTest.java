package dev.czar.workers;

import dev.czar.understanding.MiniLmEmbedder;
import dev.czar.understanding.TextEmbedder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicates that mean something (issue 24): the finding "30 workstreams from one template raised 435 alerts"
 * reproduced, and the meaning of task texts combined with what the branches touch.
 */
class SemanticDuplicatesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private final DuplicateDetector semantic = new DuplicateDetector(MiniLmEmbedder.shared(), 0.8, 0.4);

    private static String template(int n) {
        return "Implement part " + n + " of the report exporter: write the code in src/export/part" + n + ".py and its tests";
    }

    private static List<DuplicateDetector.Work> thirtyFromOneTemplate(boolean committed) {
        List<DuplicateDetector.Work> work = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            Set<String> files = committed ? Set.of("src/export/part" + n + ".py", "tests/test_part" + n + ".py") : Set.of();
            Set<String> names = committed ? Set.of("export_part_" + n) : Set.of();
            work.add(new DuplicateDetector.Work("part-" + n, template(n), files, names));
        }
        return work;
    }

    @Test
    void template_tasks_read_alike_word_by_word_which_made_every_pair_an_alert_before() {
        // the finding: one alert per pair, 30 * 29 / 2 = 435, "task texts are 82% alike"
        int alike = 0;
        for (int i = 1; i <= 30; i++) {
            for (int j = i + 1; j <= 30; j++) {
                alike += DuplicateDetector.similarity(template(i), template(j)) >= DuplicateDetector.SIMILAR_TASKS ? 1 : 0;
            }
        }
        assertThat(alike).isEqualTo(435);
    }

    @Test
    void should_raise_no_alert_for_thirty_template_tasks_touching_disjoint_files() {
        assertThat(semantic.find(thirtyFromOneTemplate(true), NOW)).isEmpty();
        assertThat(new DuplicateDetector().find(thirtyFromOneTemplate(true), NOW)).isEmpty();
    }

    @Test
    void should_raise_no_alert_for_template_tasks_before_any_commit_since_each_names_its_own_part() {
        assertThat(semantic.find(thirtyFromOneTemplate(false), NOW)).isEmpty();
        assertThat(new DuplicateDetector().find(thirtyFromOneTemplate(false), NOW)).isEmpty();
    }

    @Test
    void should_raise_one_alert_for_the_same_work_in_other_words_on_the_same_file() {
        List<WorkerAlert> alerts = semantic.find(List.of(
                new DuplicateDetector.Work("rate-limit", "Add rate limiting to the login endpoint",
                        Set.of("src/auth/LoginController.java", "src/auth/Throttle.java"), Set.of("Throttle")),
                new DuplicateDetector.Work("brute-force", "Throttle repeated sign-in attempts so brute force is blocked",
                        Set.of("src/auth/LoginController.java", "src/auth/AttemptCounter.java"), Set.of("AttemptCounter")),
                new DuplicateDetector.Work("docs", "Document the release process",
                        Set.of("docs/RELEASE.md"), Set.of())), NOW);

        assertThat(alerts).extracting(WorkerAlert::line).singleElement().asString()
                .startsWith("possible duplicate work rate-limit <-> brute-force: tasks are 0.")
                .endsWith("alike in meaning and both change src/auth/LoginController.java");
    }

    @Test
    void should_not_count_a_shared_build_file_or_unrelated_tasks_on_a_shared_file_as_duplicates() {
        List<WorkerAlert> alerts = semantic.find(List.of(
                new DuplicateDetector.Work("gateway", "Build the Gateway API: REST endpoints routing requests to services",
                        Set.of("pom.xml", "src/gateway/Routes.java"), Set.of("Routes")),
                new DuplicateDetector.Work("audit", "Add a tamper-evident audit log of every admin action",
                        Set.of("pom.xml", "src/gateway/Routes.java", "src/audit/AuditLog.java"), Set.of("AuditLog"))), NOW);

        assertThat(alerts).isEmpty();
    }

    @Test
    void should_flag_the_same_task_launched_twice_before_either_commits() {
        List<WorkerAlert> alerts = semantic.find(List.of(
                new DuplicateDetector.Work("gw-1", "Build the Gateway API that routes requests to the services", Set.of()),
                new DuplicateDetector.Work("gw-2", "Implement the API gateway which forwards requests to backend services",
                        Set.of())), NOW);

        assertThat(alerts).hasSize(1);
    }

    @Test
    void should_fall_back_to_word_overlap_when_embeddings_are_off() {
        DuplicateDetector words = new DuplicateDetector(TextEmbedder.OFF, 0.6, 0.25);

        assertThat(words.taskSimilarity("Add rate limiting to the login endpoint", "Add rate limiting to login endpoint"))
                .isEqualTo(1.0);
        assertThat(MiniLmEmbedder.shared().available()).isTrue();
    }
}
