package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.testsupport.CzarProcess;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fat jar as a user runs it: separate process, working directory inside the supervised repository. */
class CzarJarIT {
    @TempDir
    Path tmp;
    private Path repo;
    private String featureHead;

    @BeforeEach
    void repository() {
        repo = tmp.resolve("repo");
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("a.txt", "a\n"));
            git.branch("feature-x");
            featureHead = git.commit("feature work", Map.of("b.txt", "b\n"));
            git.checkout("main");
        }
    }

    @Test
    void should_answer_hi_and_branch_status_from_the_jar_with_defaults_in_the_current_directory() throws Exception {
        CzarProcess hi = CzarProcess.run(repo, "", Map.of(), "ask", "--json", "hi");
        CzarProcess status = CzarProcess.run(repo, "", Map.of(), "ask", "--json", "what is the status of branch feature-x?");

        assertThat(hi.exitCode()).as(hi.err()).isZero();
        JsonNode hiJson = Json.MAPPER.readTree(hi.out());
        assertThat(hiJson.get("intent").asText()).isEqualTo("CONVERSATION");
        assertThat(hiJson.get("tool_calls")).isEmpty();
        JsonNode statusJson = Json.MAPPER.readTree(status.out());
        assertThat(statusJson.get("intent").asText()).isEqualTo("STATUS");
        assertThat(statusJson.get("answer").asText()).contains("1 commit ahead of main, 0 behind");
        assertThat(statusJson.get("evidence").findValuesAsText("ref")).contains(featureHead);
        assertThat(repo.resolve(".czar/db")).isDirectory();
        assertThat(repo.resolve(".czar/logs/czar.log")).exists();
        assertThat(Files.readString(repo.resolve(".czar/.gitignore"))).isEqualTo("*\n");
    }

    @Test
    void should_give_one_line_errors_and_exit_2_without_stack_traces() throws Exception {
        Path notRepo = Files.createDirectories(tmp.resolve("plain"));
        Path badConfig = Files.writeString(tmp.resolve("bad.yaml"), "git: [\n");

        List<CzarProcess> failures = List.of(
                CzarProcess.run(notRepo, "", Map.of(), "ask", "hi"),
                CzarProcess.run(repo, "", Map.of(), "--config", badConfig.toString(), "ask", "hi"),
                CzarProcess.run(repo, "", Map.of(), "ask", "--no-such-flag", "hi"),
                CzarProcess.run(repo, "", Map.of("CZAR_LLM_PROVIDER", "skynet"), "ask", "hi"));

        for (CzarProcess failure : failures) {
            assertThat(failure.exitCode()).as(failure.err()).isEqualTo(2);
            assertThat(failure.err().strip()).startsWith("czar: ").doesNotContain("\n").doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void should_chat_over_piped_stdin_and_leave_on_end_of_input() throws Exception {
        CzarProcess chat = CzarProcess.run(repo, "hi\nstatus of feature-x\n/history\n", Map.of(), "chat");

        assertThat(chat.exitCode()).as(chat.err()).isZero();
        assertThat(chat.out()).contains("czar — supervising").contains("czar › Hi! I'm czar.")
                .contains("feature-x: 1 commit ahead of main").contains("evidence:").contains("bye.");
        assertThat(chat.err()).isEmpty();
    }

    @Test
    void should_build_and_run_through_the_launcher_script() throws Exception {
        Path launcher = Path.of("czar").toAbsolutePath();

        CzarProcess version = CzarProcess.exec(repo, "", Map.of(), List.of("sh", launcher.toString(), "--version"));

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("czar ");
        assertThat(Path.of("target/czar.jsa")).as("class-data archive recorded by the launcher's training run").exists();
    }

    @Test
    void should_keep_stdout_clean_when_the_class_data_archive_is_unusable() throws Exception {
        Path launcher = Path.of("czar").toAbsolutePath();
        Path archive = Path.of("target/czar.jsa").toAbsolutePath();
        CzarProcess.exec(repo, "", Map.of(), List.of("sh", launcher.toString(), "--version")); // records the archive
        byte[] good = Files.readAllBytes(archive);
        // an archive recorded for another jar: the JVM refuses to map it and, unless told otherwise, says so on stdout
        Path otherJar = Files.copy(Path.of("target/czar.jar"), tmp.resolve("other.jar"));
        Files.delete(archive);
        CzarProcess.exec(tmp, "", Map.of(), List.of(javaBin(), "-XX:ArchiveClassesAtExit=" + archive, "-jar",
                otherJar.toString(), "--version"));
        try {
            CzarProcess ask = CzarProcess.exec(repo, "", Map.of(),
                    List.of("sh", launcher.toString(), "ask", "--json", "status of feature-x"));

            assertThat(ask.exitCode()).as(ask.err()).isZero();
            assertThat(Json.MAPPER.readTree(ask.out()).get("answer").asText()).contains("1 commit ahead of main");
            assertThat(ask.err()).isEmpty();
        } finally {
            archive.toFile().setWritable(true);
            Files.write(archive, good);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
