package dev.czar.workers.agents;

import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link CodexAdapter} runs and the {@code CODEX_HOME} it prepares. */
class CodexAdapterTest {
    @TempDir
    Path tmp;

    private final CodexAdapter adapter = new CodexAdapter();

    @Test
    void start_passes_the_task_as_the_last_argument_after_the_configured_args_and_a_double_dash() {
        AgentRun run = run(List.of("-m", "qwen3-coder"), Map.of());

        assertThat(adapter.start(run, "-fix the login")).containsExactly("/opt/codex", "exec", "-m", "qwen3-coder",
                "--json", "--skip-git-repo-check", "--", "-fix the login");
        assertThat(adapter.readsStdin()).isFalse();
    }

    @Test
    void resume_continues_the_session_with_the_message() {
        AgentRun run = run(List.of(), Map.of());

        assertThat(adapter.resume(run, "01a2-thread", "keep it")).contains(List.of("/opt/codex", "exec", "resume",
                "--json", "--skip-git-repo-check", "--", "01a2-thread", "keep it"));
    }

    @Test
    void codex_home_is_private_to_the_workstream() {
        AgentRun run = run(List.of(), Map.of());

        assertThat(adapter.env(run)).isEqualTo(Map.of("CODEX_HOME", tmp.resolve("config/codex").toString()));
    }

    @Test
    void config_sandboxes_to_the_working_copy_with_its_git_dir_writable_and_no_telemetry() throws Exception {
        try (TempGitRepo repo = TempGitRepo.init(tmp.resolve("wc"), "main")) {
            AgentRun run = new AgentRun("codex", List.of(), repo.dir(), tmp.resolve("config"), Map.of());

            adapter.start(run, "task");

            String toml = Files.readString(tmp.resolve("config/codex/config.toml"));
            assertThat(toml).contains("sandbox_mode = \"workspace-write\"", "approval_policy = \"never\"",
                    "[analytics]\nenabled = false", "plugins = false", "check_for_update_on_startup = false",
                    "writable_roots = [\"" + repo.dir().resolve(".git").toAbsolutePath() + "\"]")
                    .doesNotContain("model_provider");
        }
    }

    @Test
    void a_linked_worktree_makes_its_own_git_dir_and_the_common_dir_writable() throws Exception {
        Path common = Files.createDirectories(tmp.resolve("main/.git"));
        Path private_ = Files.createDirectories(common.resolve("worktrees/fix-login"));
        Files.writeString(private_.resolve("commondir"), "../..\n");
        Path wc = Files.createDirectories(tmp.resolve("wc"));
        Files.writeString(wc.resolve(".git"), "gitdir: " + private_ + "\n");

        assertThat(CodexGitDirs.of(wc)).containsExactly(private_, common);
    }

    @Test
    void a_base_url_in_the_env_becomes_a_responses_provider_reading_its_key_from_the_env() throws Exception {
        AgentRun run = run(List.of(), Map.of("OPENAI_BASE_URL", "http://gpu-box:8000/v1", "OPENAI_API_KEY", "sk-x"));

        adapter.resume(run, "t", "m");

        String toml = Files.readString(tmp.resolve("config/codex/config.toml"));
        assertThat(toml).contains("model_provider = \"czar\"", "[model_providers.czar]",
                "base_url = \"http://gpu-box:8000/v1\"", "wire_api = \"responses\"", "env_key = \"OPENAI_API_KEY\"")
                .doesNotContain("sk-x");
        assertThat(toml.indexOf("model_provider = ")).as("a root key, before the first table")
                .isLessThan(toml.indexOf('['));
    }

    @Test
    void toml_strings_escape_quotes_backslashes_and_control_characters() {
        assertThat(CodexHome.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    private AgentRun run(List<String> args, Map<String, String> env) {
        return new AgentRun("/opt/codex", args, tmp.resolve("wc"), tmp.resolve("config"), env);
    }
}
