package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.Czar;
import dev.czar.chat.Json;
import dev.czar.testsupport.AgentClis;
import dev.czar.testsupport.AnthropicStandIn;
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

/**
 * The "done when" on the command line: {@code workers: {agent: claude-code}}, the real Claude Code CLI
 * against the Anthropic stand-in, three launches (honest, liar, asker), {@code czar workers --json}, and the
 * asker answered with {@code czar ask "/czar reply asker keep it"}. The session is printed for docs/EVIDENCE.md.
 */
class ClaudeCodeCliTest {
    @TempDir
    Path tmp;
    TempGitRepo repo;
    AnthropicStandIn model;
    Path config;
    String out;
    String err;

    @BeforeEach
    void setUp() throws Exception {
        Path claude = AgentClis.require("claude");
        model = AnthropicStandIn.start();
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "demo\n"));
        config = tmp.resolve("czar.yaml");
        Files.writeString(config, Files.readString(Path.of("src/test/resources/fixtures/workers/czar-claude-code.yaml"))
                .replace("{{CLAUDE}}", claude.toString()).replace("{{BASE_URL}}", model.baseUrl()));
    }

    @AfterEach
    void tearDown() {
        if (repo != null) { // null when the agent CLI is not installed and the test was skipped
            repo.close();
            model.close();
        }
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
        System.out.println("$ czar " + String.join(" ", args) + "\n" + out + err); // the session, for EVIDENCE.md
        return code;
    }

    private JsonNode worker(String name) throws Exception {
        assertThat(czar("workers", "--json", name)).isZero();
        return Json.MAPPER.readTree(out).get(0);
    }

    @Test
    void should_run_honest_liar_and_asker_claude_code_workers_and_resume_the_asker_with_the_reply() throws Exception {
        // given
        assertThat(czar("launch", "honest", "--task", "Fix the login\nscenario: honest")).isZero();
        assertThat(czar("launch", "asker", "--task", "Write the users migration\nscenario: asker")).isZero();

        // when the liar is supervised in the foreground until it ends (the others run meanwhile)
        int liar = czar("launch", "liar", "--task", "Fix the login\nscenario: liar", "--wait");

        // then
        assertThat(liar).as(err).isEqualTo(1);
        assertThat(out).contains("liar ended FAILED.");
        JsonNode honest = worker("honest");
        assertThat(honest.get("state").asText()).isEqualTo("VERIFYING");
        assertThat(honest.get("agent").asText()).isEqualTo("claude-code");
        assertThat(honest.get("session_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(honest.get("tokens").get("input").asLong()).isPositive();
        assertThat(honest.get("tokens").get("output").asLong()).isPositive();
        assertThat(honest.get("cost_usd").decimalValue()).isPositive();
        assertThat(honest.get("last_tool").asText()).startsWith("Bash echo fixed > login.txt");
        assertThat(honest.get("question").isNull()).isTrue();
        JsonNode asker = worker("asker");
        assertThat(asker.get("state").asText()).isEqualTo("NEEDS_INPUT");
        assertThat(asker.get("question").asText()).isEqualTo(AnthropicStandIn.QUESTION);
        String askerSession = asker.get("session_id").asText();
        JsonNode failed = worker("liar");
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("turns").asInt()).isEqualTo(3);
        assertThat(czar("ask", "who is waiting for me?")).isZero();
        assertThat(out).contains("asker: " + AnthropicStandIn.QUESTION);

        // when the operator answers and a supervisor runs again
        assertThat(czar("ask", "/czar reply asker keep it")).isZero();
        assertThat(out).contains("Answer for asker queued; its agent session resumes with it");
        czar("launch", "liar2", "--task", "Fix the signup\nscenario: liar", "--wait");

        // then the asker's same session finished the work
        JsonNode answered = worker("asker");
        assertThat(answered.get("state").asText()).isEqualTo("VERIFYING");
        assertThat(answered.get("session_id").asText()).isEqualTo(askerSession);
        assertThat(answered.get("question").isNull()).isTrue();
        assertThat(czar("workers")).isZero();
    }
}
