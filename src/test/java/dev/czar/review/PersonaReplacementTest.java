package dev.czar.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.czar.review.ReviewHarness.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 7: a repository persona that replaces a shipped one is named in every report, a replacement with
 * fewer offline rules is a warning on the verdict line, and symbolic links and oversized persona files are refused.
 */
class PersonaReplacementTest {
    static final String NO_RULES_SECURITY = "---\nname: security\ntitle: Security reviewer\n---\nLooks fine to me.\n";
    static final String WARNING = "WARNING: security replaced by personas/security.md (0 offline rules; shipped: 4),"
            + " fewer offline rules than the shipped persona";

    @TempDir
    Path tmp;
    TempGitRepo repo;
    Path personas;
    ReviewHarness harness;

    @BeforeEach
    void base() throws Exception {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("base", Map.of("README.md", "# shop\n"));
        repo.branch("feature-x").commit("add deploy credentials", Map.of("config/aws.env", fixture("review/aws-credentials.env")));
        personas = Files.createDirectories(repo.dir().resolve("personas"));
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
        repo.close();
    }

    @Test
    void a_security_persona_without_rules_is_named_and_warned_about_on_the_verdict_line() throws Exception {
        // given the finding's repository persona: named security, no rules
        Files.writeString(personas.resolve("security.md"), NO_RULES_SECURITY);
        harness = ReviewHarness.offline(repo.dir(), personas);

        // when
        ReviewReport report = harness.review("feature-x");

        // then the pass is no longer silent
        assertThat(report.verdictLine()).endsWith("; " + WARNING);
        assertThat(ReviewText.terminal(report)).startsWith("Review of branch feature-x: PASSED: no findings; " + WARNING + "\n")
                .contains("Repository personas replacing shipped ones: security replaced by personas/security.md"
                        + " (0 offline rules; shipped: 4)");
        assertThat(ReviewText.markdown(report)).contains("**Verdict: " + report.verdictLine() + "**")
                .contains("_Repository personas replacing shipped ones: security replaced by personas/security.md");
        JsonNode json = Json.MAPPER.readTree(ReviewJson.write(report));
        assertThat(json.get("verdict_line").asText()).contains(WARNING);
        assertThat(json.get("persona_replacements").toString()).isEqualTo("[{\"persona\":\"security\","
                + "\"path\":\"personas/security.md\",\"offline_rules\":0,\"shipped_offline_rules\":4,\"weaker\":true}]");
        // and the stored report (read back for status answers and the gate) keeps it
        assertThat(harness.service.find(report.id()).orElseThrow().personaReplacements())
                .containsExactly(new PersonaReplacement("security", "personas/security.md", 0, 4));
    }

    @Test
    void the_shipped_security_persona_blocks_the_same_change() {
        harness = ReviewHarness.offline(repo.dir(), personas);

        ReviewReport report = harness.review("feature-x");

        assertThat(report.verdict()).isEqualTo("blocked");
        assertThat(report.personaReplacements()).isEmpty();
        assertThat(report.verdictLine()).doesNotContain("WARNING");
    }

    @Test
    void a_replacement_keeping_every_rule_is_named_without_a_warning_and_a_verbatim_copy_is_not_a_replacement()
            throws Exception {
        Files.writeString(personas.resolve("security.md"), Files.readString(Path.of("personas/security.md"))
                .replace("You are a senior application security engineer", "You are our security lead"));
        Files.copy(Path.of("personas/ops.md"), personas.resolve("ops.md"));
        harness = ReviewHarness.offline(repo.dir(), personas);

        ReviewReport report = harness.review("feature-x");

        assertThat(report.personaReplacements()).containsExactly(new PersonaReplacement("security", "personas/security.md", 4, 4));
        assertThat(report.verdict()).isEqualTo("blocked");
        assertThat(report.verdictLine()).doesNotContain("WARNING");
    }

    @Test
    void symbolic_links_and_files_over_64_kib_are_refused_by_name() throws Exception {
        // given a link to a file outside the repository (valid persona text, so only the link makes it unusable)
        Path outside = Files.writeString(tmp.resolve("outside.md"), "---\nname: outsider\n---\nYou review.\n");
        Files.createSymbolicLink(personas.resolve("linked.md"), outside);
        Files.createSymbolicLink(personas.resolve("security.md"), outside);
        Files.writeString(personas.resolve("huge.md"), "---\nname: huge\n---\n" + "You review. ".repeat(6_000));

        // when
        PersonaCatalog catalog = PersonaLoader.load(personas);

        // then
        assertThat(catalog.names()).doesNotContain("outsider", "huge");
        assertThat(catalog.find("security").orElseThrow().source()).isEqualTo("classpath:personas/security.md");
        assertThat(catalog.problems()).containsExactlyInAnyOrder(
                personas.resolve("huge.md") + ": is 72019 bytes, over the 64 KiB limit for persona files",
                personas.resolve("linked.md") + ": is a symbolic link; persona files must be regular files",
                personas.resolve("security.md") + ": is a symbolic link; persona files must be regular files");
    }
}
