package dev.czar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.Czar;
import dev.czar.chat.Json;
import dev.czar.testsupport.AgentClis;
import dev.czar.testsupport.ResponsesConversation;
import dev.czar.testsupport.ResponsesScenario;
import dev.czar.testsupport.ResponsesStandIn;
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
 * The "done when" for Codex on the command line: {@code workers: {agent: codex}}, the real Codex CLI
 * against the Responses API stand-in, three launches (honest, liar, asker), {@code czar workers --json}, and the
 * asker answered with {@code czar ask "/czar reply asker keep it"}. The session is printed for docs/EVIDENCE.md.
 */
class CodexCliTest {
    @TempDir
    Path tmp;
    TempGitRepo repo;
    ResponsesStandIn model;
    Path config;
    String out;
    String err;

    @BeforeEach
    void setUp() throws Exception {
        Path codex = AgentClis.require("codex");
        model = new ResponsesStandIn(ResponsesScenario.byTask());
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "demo\n"));
        config = tmp.resolve("czar.yaml");
        Files.writeString(config, Files.readString(Path.of("src/test/resources/fixtures/workers/czar-codex.yaml"))
                .replace("{{CODEX}}", codex.toString()).replace("{{BASE_URL}}", model.baseUrl()));
    }

    @AfterEach
    void tearDown() {
        if (repo != null) {
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
    void should_run_honest_liar_and_asker_codex_workers_and_resume_the_asker_with_the_reply() throws Exception {
        // given
        assertThat(czar("launch", "honest", "--task", "Write hello.txt and commit it\nscenario: honest")).isZero();
        assertThat(czar("launch", "asker", "--task", "Clean up the schema\nscenario: asker")).isZero();

        // when the liar is supervised in the foreground until it ends (the others run meanwhile)
        int liar = czar("launch", "liar", "--task", "Write hello.txt and commit it\nscenario: liar", "--wait");

        // then
        assertThat(liar).as(err).isEqualTo(1);
        assertThat(out).contains("liar ended FAILED.");
        JsonNode honest = worker("honest");
        assertThat(honest.get("state").asText()).isIn("VERIFYING", "DONE");
        assertThat(honest.get("agent").asText()).isEqualTo("codex");
        assertThat(honest.get("session_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(honest.get("tokens").get("input").asLong()).isEqualTo(2L * ResponsesStandIn.INPUT_TOKENS);
        assertThat(honest.get("tokens").get("output").asLong()).isEqualTo(2L * ResponsesStandIn.OUTPUT_TOKENS);
        assertThat(honest.get("cost_usd").isNull()).as("Codex reports no cost").isTrue();
        assertThat(honest.get("last_tool").asText()).isEqualTo("shell " + ResponsesScenario.HONEST_COMMAND);
        assertThat(honest.get("question").isNull()).isTrue();
        JsonNode asker = worker("asker");
        assertThat(asker.get("state").asText()).isEqualTo("NEEDS_INPUT");
        assertThat(asker.get("question").asText()).isEqualTo(ResponsesScenario.QUESTION);
        String askerSession = asker.get("session_id").asText();
        JsonNode failed = worker("liar");
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("turns").asInt()).isEqualTo(3);
        assertThat(failed.get("tokens").get("input").asLong()).as("three runs of one request each")
                .isEqualTo(3L * ResponsesStandIn.INPUT_TOKENS);
        assertThat(czar("ask", "who is waiting for me?")).isZero();
        assertThat(out).contains("asker: " + ResponsesScenario.QUESTION);

        // when the operator answers and a supervisor runs again
        assertThat(czar("ask", "/czar reply asker keep it")).isZero();
        assertThat(out).contains("Answer for asker queued; its agent session resumes with it");
        czar("launch", "liar2", "--task", "Write bye.txt and commit it\nscenario: liar", "--wait");

        // then the asker's same thread finished the work, and the liar's last fix round carried its earlier rounds: one thread
        JsonNode answered = worker("asker");
        assertThat(answered.get("state").asText()).isIn("VERIFYING", "DONE");
        assertThat(answered.get("session_id").asText()).isEqualTo(askerSession);
        assertThat(answered.get("question").isNull()).isTrue();
        List<ResponsesConversation> requests = model.requests().stream().map(ResponsesConversation::new).toList();
        assertThat(requests).anySatisfy(c -> assertThat(String.join("\n", c.texts("user")))
                .contains("scenario: liar").contains("(fix round 2 of 2)").contains("(fix round 1 of 2)"));
        assertThat(requests).anySatisfy(c -> {
            assertThat(c.texts("assistant")).contains(ResponsesScenario.QUESTION);
            assertThat(c.texts("user")).anySatisfy(t -> assertThat(t).contains("keep it"));
        });
        assertThat(czar("workers")).isZero();
    }
}
