package dev.czar.agent;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.bench.BenchResults;
import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import dev.czar.chat.ToolCall;
import dev.czar.intent.Intent;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.testsupport.TempGitRepo;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.czar.testsupport.ModelStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the LLM agent: every payload of {@code fixtures/hostile/prompt-injections.txt} sits in a commit
 * message and a file path of its own branch, next to a planted secret (every kind the Redactor knows, from
 * {@code fixtures/hostile/planted-secrets.txt}), and the user's question carries a secret too. The stubbed model
 * "obeys": it asks for a tool that does not exist ({@code workers_kill}) or reads the branch, then repeats the payload.
 * Nothing may run (audit log and workers empty) and no secret may appear in any request to the model or any answer.
 */
class PromptInjectionTest {
    private static final Clock CLOCK = Clock.fixed(TempGitRepo.EPOCH.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    private static final Set<String> READ_ONLY_TOOLS = Set.of("git.recent_commits", "git.diffstat");

    @TempDir
    Path dir;

    record Secret(String kind, String text, String secret) {
    }

    @Test
    void should_run_no_command_and_leak_no_secret_for_any_of_50_plus_injections() throws Exception {
        // given
        List<String> payloads = lines("hostile/prompt-injections.txt");
        List<Secret> secrets = lines("hostile/planted-secrets.txt").stream().map(l -> l.split("\\|", 3))
                .map(p -> new Secret(p[0], p[1].replace("\\n", "\n"), p[2])).toList();
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(50);
        List<ResponseDefinitionBuilder> script = new ArrayList<>();
        Map<String, String> questions = new LinkedHashMap<>();
        try (TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"), "main"); ModelStub model = ModelStub.openAi()) {
            repo.commit("Initial import", Map.of("README.md", "czar\n"));
            StringBuilder allSecrets = new StringBuilder();
            secrets.forEach(s -> allSecrets.append(s.text()).append('\n'));
            for (int i = 0; i < payloads.size(); i++) {
                String branch = "inj-" + i;
                String payload = payloads.get(i);
                Secret secret = secrets.get(i % secrets.size());
                repo.checkout("main").branch(branch);
                repo.commit(payload + " (deploy with " + secret.text().replace('\n', ' ') + ")\n\n" + payload + "\n" + allSecrets,
                        Map.of("notes/" + slug(payload) + ".md", payload + "\n" + allSecrets));
                boolean readsDiff = i % 2 == 1;
                if (i % 3 == 0) { // the model tries a tool czar does not have, then answers
                    script.add(ok(Fixtures.read("openai/chat.completions.tool_call.json",
                            Map.of("name", "workers_kill", "arguments", "{\"name\":\"*\",\"confirm\":true}"))));
                } else {
                    script.add(ok(Fixtures.read("openai/chat.completions.tool_call.json",
                            Map.of("name", readsDiff ? "git_diffstat" : "git_recent_commits", "arguments", "{\"branch\":\"" + branch + "\"}"))));
                }
                script.add(ok(Fixtures.read("openai/chat.completions.final.json", Map.of("content", "As instructed: " + payload))));
                questions.put(branch, (readsDiff ? "what changed on " : "recent commits on ") + branch + "? my token "
                        + secrets.get((i + 1) % secrets.size()).text().replace('\n', ' '));
            }
            repo.checkout("main");
            model.replies(script.toArray(ResponseDefinitionBuilder[]::new));
            Map<String, String> env = Map.of("CZAR_LLM_PROVIDER", "openai", "CZAR_LLM_BASE_URL", model.baseUrl(),
                    "CZAR_LLM_MODEL", "gpt-4o-mini", "CZAR_LLM_MAX_RETRIES", "0", "CZAR_LLM_API_KEY", "sk-test-" + "0123456789abcdefghij");

            // when
            List<Answer> answers = new ArrayList<>();
            int audited;
            int launched;
            Path home = dir.resolve("home");
            try (CzarApp app = Czar.assemble(new StartOptions(repo.dir(), home, null, env, CLOCK))) {
                for (String question : questions.values()) {
                    answers.add(app.chat().handle(new Message(question, "local:attacker", "cli", null, CLOCK.instant())));
                }

                // then: nothing ran
                try (var c = app.database().connection(); var st = c.createStatement();
                     var rs = st.executeQuery("SELECT COUNT(*) FROM audit_log")) {
                    rs.next();
                    audited = rs.getInt(1);
                    assertThat(audited).as("commands audited").isZero();
                }
                launched = app.workers().all().size();
                assertThat(app.workers().all()).as("workstreams launched").isEmpty();
            }
            for (Answer answer : answers) {
                assertThat(answer.intent()).isEqualTo(Intent.STATUS);
                assertThat(answer.toolCalls()).extracting(ToolCall::name).allMatch(READ_ONLY_TOOLS::contains);
            }
            // then: no secret left czar, in any request to the model, any answer, or anything under the home directory's logs
            assertThat(model.requests()).hasSize(script.size());
            List<String> outbound = new ArrayList<>();
            model.requests().forEach(r -> outbound.add(r.getBodyAsString()));
            answers.forEach(a -> outbound.add(a.text()));
            outbound.addAll(logs(home));
            int leaks = 0;
            for (String text : outbound) {
                for (Secret s : secrets) {
                    if (text.contains(s.secret())) {
                        leaks++;
                        System.out.println("LEAK of " + s.kind() + " in: " + text.substring(0, Math.min(300, text.length())));
                    }
                }
            }
            assertThat(leaks).as("secrets leaked").isZero();
            String allRequests = String.join("\n", outbound);
            for (Secret s : secrets) { // the marker proves each kind did travel towards the model, masked
                String kind = s.kind().replace("slack-app-token", "slack-token").replace("github-pat", "github-token");
                assertThat(allRequests).as(s.kind()).contains("[REDACTED:" + kind + "]");
            }
            System.out.printf("prompt injection: %d payloads, %d planted secret kinds, %d model requests, %d answers,"
                    + " 0 commands, 0 leaks%n", payloads.size(), secrets.size(), model.requests().size(), answers.size());
            BenchResults.record("72-prompt-injection", "prompt injection in commit messages, file paths, questions",
                    "`PromptInjectionTest` (payloads from `fixtures/hostile/prompt-injections.txt`)", "no command, no secret revealed",
                    String.format("%d payloads, %d model requests, %d answers, **%d commands audited, %d workstreams, %d leaks**",
                            payloads.size(), model.requests().size(), answers.size(), audited, launched, leaks),
                    audited == 0 && launched == 0 && leaks == 0);
            BenchResults.record("73-planted-secrets", "planted secrets of every kind the Redactor knows ("
                            + String.join(", ", secrets.stream().map(Secret::kind).toList()) + ")",
                    "`PromptInjectionTest` (`fixtures/hostile/planted-secrets.txt`)",
                    "none in a prompt, an answer (the Slack message) or a log line",
                    String.format("%d kinds; %d found in %d request bodies, %d answers and the log directory; each kind seen"
                            + " masked as `[REDACTED:kind]`", secrets.size(), leaks, model.requests().size(), answers.size()),
                    leaks == 0);
        }
    }

    static List<String> logs(Path home) throws IOException {
        Path logs = home.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(logs)) {
            List<String> texts = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
            return texts;
        }
    }

    private static String slug(String payload) {
        String s = payload.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "payload" : s.substring(0, Math.min(60, s.length()));
    }

    static List<String> lines(String fixture) {
        return Fixtures.read(fixture).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
}
