package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.Czar;
import dev.czar.chat.Json;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkersCliTest {
    @TempDir
    Path tmp;
    TempGitRepo repo;
    Path config;
    String out;
    String err;

    @BeforeEach
    void setUp() throws Exception {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "demo\n"));
        config = tmp.resolve("czar.yaml");
        Files.writeString(config, Files.readString(Path.of("src/test/resources/fixtures/workers/czar-workers.yaml"))
                .replace("AGENT", Path.of("examples/agents/scripted-agent.sh").toAbsolutePath().toString()));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private int czar(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        var cli = CzarCommand.commandLine(Czar::assemble, Map.of(), Clock.systemUTC());
        cli.setOut(new PrintWriter(o));
        cli.setErr(new PrintWriter(e));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", repo.dir().toString(), "--home", tmp.resolve("home").toString(), "--config", config.toString()));
        int code = cli.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void should_record_a_launch_and_list_it_as_json() throws Exception {
        // when
        int launched = czar("launch", "api", "--task", "Implement the API\nagent-mode: hang", "--priority", "3");
        int listed = czar("workers", "--json");

        // then
        assertThat(launched).isZero();
        JsonNode api = Json.MAPPER.readTree(out).get(0);
        assertThat(listed).isZero();
        assertThat(api.get("name").asText()).isEqualTo("api");
        assertThat(api.get("state").asText()).isEqualTo("QUEUED");
        assertThat(api.get("branch").asText()).isEqualTo("czar/api");
        assertThat(api.get("priority").asInt()).isEqualTo(3);
        assertThat(api.get("head_sha").isNull()).isTrue();
        assertThat(api.get("gate").isArray()).isTrue();
        assertThat(api.get("pr").isNull()).as("no pull request without GitHub").isTrue();
    }

    @Test
    void should_queue_a_reply_from_the_command_line_and_refuse_an_unknown_workstream_in_one_line() {
        czar("launch", "api", "--task", "Implement the API\nagent-mode: hang");

        assertThat(czar("reply", "api", "use", "port", "8080")).as(err).isZero();
        assertThat(out).contains("Answer for api queued for its stdin.");
        assertThat(czar("reply", "nope", "hello")).isEqualTo(2);
        assertThat(err.strip()).startsWith("czar: no workstream named 'nope'").doesNotContain("Exception");
    }

    @Test
    void should_refuse_a_launch_with_an_unknown_agent_or_a_missing_agent_executable_in_one_line() throws Exception {
        assertThat(czar("launch", "api", "--task", "Implement the API", "--agent", "gpt-coder")).isEqualTo(2);
        assertThat(err.strip()).startsWith("czar: unknown agent 'gpt-coder'; agents: ").contains("claude-code")
                .doesNotContain("Exception");

        Files.writeString(config, Files.readString(config) + "  agents:\n    claude-code:\n      executable: "
                + tmp.resolve("no-such-claude") + "\n");
        assertThat(czar("launch", "api", "--task", "Implement the API", "--agent", "claude-code")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("czar: the claude-code agent's executable '" + tmp.resolve("no-such-claude")
                + "' was not found; install it: npm install -g @anthropic-ai/claude-code (or set"
                + " workers.agents.claude-code.executable)");
        assertThat(czar("workers", "--json")).isZero();
        assertThat(out.strip()).isEqualTo("[]");
    }

    @Test
    void should_supervise_in_the_foreground_with_wait_until_the_workstream_ends() {
        int code = czar("launch", "broken", "--task", "Implement it\nagent-mode: crash", "--wait");

        assertThat(code).as(err).isEqualTo(1);
        assertThat(out).contains("Launched broken on czar/broken: queued.")
                .contains("broken  QUEUED -> RUNNING").contains("worker exited with code 3")
                .contains("broken ended FAILED.");
    }

    @Test
    void should_answer_what_everyone_is_doing_citing_worker_states() throws Exception {
        czar("launch", "api", "--task", "Implement the API");
        czar("launch", "docs", "--task", "Write the docs", "--depends-on", "api");

        int code = czar("ask", "--json", "what is everyone doing?");

        assertThat(code).isZero();
        JsonNode answer = Json.MAPPER.readTree(out);
        assertThat(answer.get("intent").asText()).isEqualTo("STATUS");
        assertThat(answer.get("answer").asText()).contains("api: QUEUED on czar/api (no commits yet)")
                .contains("docs: BLOCKED on czar/docs").contains("blocked by api (QUEUED)");
        assertThat(answer.get("evidence").toString()).contains("\"source\":\"worker\",\"ref\":\"api\"");
        assertThat(answer.get("tool_calls").toString()).contains("workers.list");
    }

    @Test
    void should_kill_and_show_the_queue_through_the_cli_and_the_chat_commands() {
        czar("ask", "/czar launch later --priority 2 Implement later\nagent-mode: hang");
        assertThat(out).startsWith("Launched later on czar/later: queued.");
        czar("launch", "first", "--task", "Implement first", "--priority", "5");

        czar("queue");
        assertThat(out).containsSubsequence("first  QUEUED  priority 5", "later  QUEUED  priority 2");

        assertThat(czar("kill", "later")).isZero();
        assertThat(out).startsWith("Killed later (was queued)");
        assertThat(czar("kill", "nobody")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("czar: no workstream named 'nobody' (see 'czar workers')");
    }

    @Test
    void should_refuse_czar_merge_in_one_line_while_auto_merge_is_off() {
        czar("launch", "feat", "--task", "Implement the feature");

        int code = czar("merge", "feat");

        assertThat(code).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("czar: czar does not merge: workers.unsafe.auto-merge is off in config/czar.yaml;"
                + " merge czar/feat yourself");
    }

    @Test
    void should_pause_and_resume_through_the_cli_and_show_it_in_the_list_and_the_queue() throws Exception {
        czar("launch", "later", "--task", "Implement later\nagent-mode: hang", "--priority", "2");

        assertThat(czar("pause", "later")).isZero();
        assertThat(out).startsWith("Paused later (was queued): it is not started until resumed.");
        czar("queue");
        assertThat(out).contains("later  PAUSED  priority 2  held until resumed (was QUEUED)");
        czar("workers", "--json");
        JsonNode later = Json.MAPPER.readTree(out).get(0);
        assertThat(later.get("state").asText()).isEqualTo("PAUSED");
        assertThat(later.get("paused_from").asText()).isEqualTo("QUEUED");
        czar("ask", "is later paused?");
        assertThat(out).contains("later: PAUSED (was QUEUED) on czar/later").contains("It is paused: held out of the queue");

        assertThat(czar("resume", "later")).isZero();
        assertThat(out).startsWith("Resumed later (queued): it starts when a slot is free.");
        assertThat(czar("resume", "nobody")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("czar: no workstream named 'nobody' (see 'czar workers')");
    }

    @Test
    void should_refuse_a_dependency_on_an_unknown_workstream_in_one_line() {
        int code = czar("launch", "docs", "--task", "Write the docs", "--depends-on", "ghost");

        assertThat(code).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("czar: no workstream named 'ghost' to depend on (launch it first)");
    }
}
