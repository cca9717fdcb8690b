package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the terminal and {@code ask --json} show of hostile text: a commit subject and a worker's output carrying
 * planted tokens, a broadcast mention and ANSI escapes (fixtures/hostile/worker-output.psv) come out masked and
 * without control characters.
 */
class HostileCliOutputTest {
    private static final String SUBJECT = "fix login <!channel> \u001b[31mred\u001b[0m key AKIAQWERTYUIOPASDFGH"
            + " push ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\u0007";

    @TempDir
    Path tmp;

    @Test
    void should_mask_tokens_in_commit_subjects_in_ask_json() throws Exception {
        // given
        Path repoDir = tmp.resolve("repo");
        try (TempGitRepo repo = TempGitRepo.init(repoDir, "main")) {
            repo.commit("initial", Map.of("a.txt", "a\n"));
            repo.commit(SUBJECT, Map.of("b.txt", "b\n"));
        }
        // when
        CliRun run = CliRun.run(Map.of(), Clock.fixed(TempGitRepo.EPOCH.plusSeconds(3600), ZoneOffset.UTC),
                "ask", "--json", "--repo", repoDir.toString(), "--home", tmp.resolve("home").toString(),
                "what landed today");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode answer = Json.MAPPER.readTree(run.out());
        String shown = answer.get("answer").asText() + "\n" + answer.get("evidence").findValuesAsText("detail");
        assertThat(shown).contains("fix login <!channel> red key [REDACTED:aws-access-key] push [REDACTED:github-token]");
        assertNoSecretOrControl(run.out());
    }

    @Test
    void should_mask_and_strip_a_failed_workers_output_in_czar_workers_name() throws Exception {
        // given a worker that prints hostile output and crashes
        Path repoDir = tmp.resolve("repo");
        Path config = tmp.resolve("czar.yaml");
        Files.writeString(config, Fixtures.text("workers/czar-workers.yaml")
                .replace("AGENT", Path.of("examples/agents/scripted-agent.sh").toAbsolutePath().toString()));
        try (TempGitRepo repo = TempGitRepo.init(repoDir, "main")) {
            repo.commit("initial", Map.of("README.md", "demo\n"));
        }
        List<String> where = List.of("--repo", repoDir.toString(), "--home", tmp.resolve("home").toString(),
                "--config", config.toString());
        String task = "Implement it " + "xoxb-123456789012-abcdefghijklmnop\nagent-mode: crash\nagent-say: " + say();
        assertThat(czar(where, "launch", "hostile", "--task", task, "--wait").exitCode()).isNotZero();
        // when
        CliRun shown = czar(where, "workers", "hostile");
        CliRun json = czar(where, "workers", "--json", "hostile");
        // then
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("[REDACTED:aws-access-key]").contains("[REDACTED:slack-token]");
        assertNoSecretOrControl(shown.out());
        assertThat(json.out()).contains("[REDACTED:slack-token]");
        assertNoSecretOrControl(json.out());
    }

    private static CliRun czar(List<String> where, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(where);
        return CliRun.run(Map.of(), Clock.systemUTC(), all.toArray(String[]::new));
    }

    private static void assertNoSecretOrControl(String out) {
        assertThat(out).doesNotContain("\u001b", "\u0007", "\\u001b", "\\u0007");
        Fixtures.text("hostile/worker-output.psv").lines().filter(l -> l.startsWith("secret|"))
                .map(l -> l.substring("secret|".length())).forEach(secret -> assertThat(out).doesNotContain(secret));
    }

    private static String say() {
        return Fixtures.text("hostile/worker-output.psv").lines().filter(l -> l.startsWith("say|")).findFirst()
                .orElseThrow().substring("say|".length());
    }
}
