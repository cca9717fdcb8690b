package dev.czar.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.CzarProcess;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.czar.review.ReviewHarness.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** The fat jar reviews with the personas it ships, plus the repository's own persona files. */
class ReviewJarIT {
    @TempDir
    Path tmp;

    @Test
    void should_review_with_shipped_personas_and_report_a_broken_persona_file_by_name() throws Exception {
        // given a repository with one extra persona and one broken persona file
        Path repo = tmp.resolve("repo");
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("README.md", "# shop\n",
                    "personas/perf.md", "---\nname: perf\ntitle: Performance reviewer\n---\nYou review performance.\n",
                    "personas/broken.md", "no front matter here\n"));
            git.branch("orders").commit("orders table", Map.of("db/migration/V2__add_orders.sql", fixture("review/V2__add_orders.sql")));
            git.checkout("main");
        }
        // when
        CzarProcess run = CzarProcess.run(repo, "", Map.of(), "review", "orders", "--json");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertThat(json.get("personas").findValuesAsText("name"))
                .containsExactly("security", "ops", "legal-compliance", "product", "perf");
        assertThat(json.get("persona_problems").get(0).asText()).contains("broken.md").contains("front matter");
        assertThat(json.get("findings").findValuesAsText("title"))
                .contains("Database migration without a way back: V2__add_orders.sql");
    }
}
