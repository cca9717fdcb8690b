package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CzarCliTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T18:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private Path repoDir;
    private Path home;
    private String featureHead;
    private String mainHead;

    @BeforeEach
    void repository() {
        repoDir = tmp.resolve("repo");
        home = tmp.resolve("home");
        try (TempGitRepo repo = TempGitRepo.init(repoDir, "main")) {
            repo.commit("initial", Map.of("a.txt", "a\n"));
            repo.branch("feature-x");
            repo.commit("feature work", Map.of("b.txt", "b\n"));
            featureHead = repo.commit("more feature work", Map.of("b.txt", "b\nb2\n"));
            repo.checkout("main");
            mainHead = repo.commit("main work", Map.of("c.txt", "c\n"));
        }
    }

    private CliRun czar(String... args) {
        return CliRun.run(Map.of(), CLOCK, args);
    }

    private JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.MAPPER.readTree(run.out());
    }

    @Test
    void should_answer_hi_as_conversation_without_tools() throws Exception {
        JsonNode answer = json(czar("ask", "--json", "--repo", repoDir.toString(), "--home", home.toString(), "hi"));

        assertThat(answer.get("intent").asText()).isEqualTo("CONVERSATION");
        assertThat(answer.get("tool_calls")).isEmpty();
        assertThat(answer.get("evidence")).isEmpty();
        assertThat(answer.get("llm_calls").asInt()).isZero();
    }

    @Test
    void should_answer_branch_status_citing_the_real_head_and_counts() throws Exception {
        JsonNode answer = json(czar("--repo", repoDir.toString(), "--home", home.toString(),
                "ask", "--json", "what is the status of branch feature-x?"));

        assertThat(answer.get("intent").asText()).isEqualTo("STATUS");
        assertThat(answer.get("answer").asText())
                .contains("2 commits ahead of main, 1 behind")
                .contains(featureHead.substring(0, 7));
        assertThat(answer.get("evidence").findValuesAsText("ref")).contains(featureHead, mainHead);
        assertThat(answer.get("evidence").get(0).has("url")).isTrue();
        assertThat(answer.get("tool_calls").findValuesAsText("name")).contains("git.branch_status");
        assertThat(answer.get("tool_calls").findValues("ok")).allMatch(JsonNode::asBoolean);
    }

    @Test
    void should_read_repo_and_home_from_env_when_no_flag_is_given() throws Exception {
        CliRun run = CliRun.run(Map.of("CZAR_REPO", repoDir.toString(), "CZAR_HOME", home.toString()), CLOCK,
                "ask", "--json", "status of feature-x");

        assertThat(json(run).get("evidence").findValuesAsText("ref")).contains(featureHead);
        assertThat(home.resolve("db")).isDirectory();
    }

    @Test
    void should_print_evidence_under_a_plain_text_answer() {
        CliRun run = czar("ask", "--repo", repoDir.toString(), "--home", home.toString(), "what changed on feature-x");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("git diff main..feature-x").contains("evidence:")
                .contains("git " + featureHead.substring(0, 7) + "  head of feature-x");
    }

    @Test
    void should_fail_with_one_line_and_exit_2_for_a_directory_that_is_not_a_repository() {
        CliRun run = czar("ask", "--repo", tmp.resolve("home-not-repo").toString(), "--home", home.toString(), "hi");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("czar: not a directory").doesNotContain("\n").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void should_fail_with_one_line_and_exit_2_for_an_existing_directory_outside_any_repository() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));

        CliRun run = czar("--repo", plain.toString(), "--home", home.toString(), "ask", "hi");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("czar: not a git repository: " + plain + " (point --repo at one, or run 'git init')");
    }

    @Test
    void should_fail_with_one_line_and_exit_2_for_a_malformed_config() throws Exception {
        Path config = tmp.resolve("czar.yaml");
        Files.writeString(config, "llm:\n  provider: [openai\n");

        CliRun run = czar("ask", "--config", config.toString(), "--repo", repoDir.toString(), "--home", home.toString(), "hi");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("czar: " + config + ": not valid YAML at line").doesNotContain("\n");
    }

    @Test
    void should_fail_with_one_line_and_exit_2_for_an_unknown_flag() {
        CliRun run = czar("ask", "--frobnicate", "hi");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("czar: Unknown option: '--frobnicate' (see 'czar --help')");
    }

    @Test
    void should_refuse_an_empty_message() {
        CliRun run = czar("ask", "--repo", repoDir.toString(), "--home", home.toString(), "  ");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("czar: MESSAGE is empty");
    }

    @Test
    void should_print_version_and_help() {
        assertThat(czar("--version").out()).startsWith("czar ");
        CliRun help = czar("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("chat").contains("ask").contains("--repo").contains("--home").contains("--config");
    }

    @Test
    void should_answer_a_unicode_question_and_keep_it_intact_in_the_store() throws Exception {
        JsonNode answer = json(czar("ask", "--json", "--repo", repoDir.toString(), "--home", home.toString(),
                "状態は？ feature-x の status 🚀"));

        assertThat(answer.get("intent").asText()).isEqualTo("STATUS");
        assertThat(answer.get("evidence").findValuesAsText("ref")).contains(featureHead);
    }

    @Test
    void should_cut_a_very_long_message_and_say_so() throws Exception {
        String question = "status of feature-x " + "x".repeat(20_000);

        JsonNode answer = json(czar("ask", "--json", "--repo", repoDir.toString(), "--home", home.toString(), question));

        assertThat(answer.get("intent").asText()).isEqualTo("STATUS");
        assertThat(answer.get("answer").asText()).contains("longer than 8000 characters");
    }
}
