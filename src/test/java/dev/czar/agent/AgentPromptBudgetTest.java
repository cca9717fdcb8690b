package dev.czar.agent;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.bench.BenchResults;
import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.czar.testsupport.ModelStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a timed test: over a fixed scenario set it records the LLM round trips and the bytes of prompt
 * (compact JSON, as billed) each answer sends, writes them to {@code target/bench/agent-prompt-budget.md}, and
 * holds the budget for a single-branch status question: at most 2 round trips and under 8 KB of prompt.
 */
class AgentPromptBudgetTest {
    @TempDir
    Path dir;

    record Scenario(String question, String tool, String arguments, String finalText) {
    }

    record Figures(String question, String intent, int roundTrips, List<Integer> requestBytes) {
        int totalBytes() {
            return requestBytes.stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Test
    void should_answer_a_single_branch_status_question_in_two_round_trips_under_8_kb() throws IOException {
        // given: 25 feature branches with 3 commits each on top of main
        Clock clock = Clock.fixed(TempGitRepo.EPOCH.plusSeconds(3 * 3600), ZoneOffset.UTC);
        Map<String, Figures> results = new LinkedHashMap<>();
        try (TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"), "main")) {
            repo.commit("Initial import", Map.of("README.md", "czar\n"));
            for (int b = 1; b <= 25; b++) {
                repo.checkout("main").branch("feature-" + b);
                for (int c = 1; c <= 3; c++) {
                    repo.commit("Work " + c + " on feature " + b, Map.of("src/f" + b + "/File" + c + ".java", "class File" + c + " {}\n"));
                }
            }
            repo.checkout("main");
            List<Scenario> scenarios = List.of(
                    new Scenario("hello", null, null, null),
                    new Scenario("status of feature-7", "git_branch_status", "{\"branch\":\"feature-7\"}", "feature-7 is 3 commits ahead of main."),
                    new Scenario("what changed on feature-7", "git_diffstat", "{\"branch\":\"feature-7\"}", "3 files changed on feature-7."),
                    new Scenario("recent commits on feature-7", "git_recent_commits", "{\"branch\":\"feature-7\"}", "3 commits on feature-7 since main."),
                    new Scenario("what landed today?", "git_landed", "{\"days\":1}", "Nothing new landed on main today."),
                    new Scenario("which branches are ahead of main?", "git_branches", "{}", "25 branches are ahead of main."));
            for (Scenario s : scenarios) {
                results.put(s.question(), run(repo, s, clock));
            }
        }
        // when
        Path report = write(results);
        // then
        Figures status = results.get("status of feature-7");
        assertThat(status.roundTrips()).isLessThanOrEqualTo(2);
        assertThat(status.totalBytes()).as("prompt bytes for a single-branch status question, see " + report).isLessThan(8 * 1024);
        assertThat(results.get("hello").roundTrips()).isEqualTo(1);
        BenchResults.record("30-llm-economy", "LLM economy, single-branch status question", "`AgentPromptBudgetTest`",
                "<= 2 round trips, < 8 KB", String.format("%d round trips, %,d bytes; conversation %d round trip, %,d bytes",
                        status.roundTrips(), status.totalBytes(), results.get("hello").roundTrips(), results.get("hello").totalBytes()),
                status.roundTrips() <= 2 && status.totalBytes() < 8 * 1024);
    }

    private Figures run(TempGitRepo repo, Scenario s, Clock clock) {
        try (ModelStub model = ModelStub.openAi()) {
            if (s.tool() == null) {
                model.replies(ok(Fixtures.read("openai/chat.completions.greeting.json")));
            } else {
                model.replies(ok(Fixtures.read("openai/chat.completions.tool_call.json", Map.of("name", s.tool(), "arguments", s.arguments()))),
                        ok(Fixtures.read("openai/chat.completions.final.json", Map.of("content", s.finalText()))));
            }
            Map<String, String> env = Map.of("CZAR_LLM_PROVIDER", "openai", "CZAR_LLM_BASE_URL", model.baseUrl(),
                    "CZAR_LLM_MODEL", "gpt-4o-mini", "CZAR_LLM_MAX_RETRIES", "0");
            Path home = dir.resolve("home-" + Integer.toHexString(s.question().hashCode()));
            try (CzarApp app = Czar.assemble(new StartOptions(repo.dir(), home, null, env, clock))) {
                Answer answer = app.chat().handle(new Message(s.question(), "local:bench", "cli", null, clock.instant()));
                assertThat(answer.text()).doesNotContain("language model is unavailable");
                List<Integer> bytes = new ArrayList<>();
                for (int i = 0; i < model.requests().size(); i++) {
                    bytes.add(model.compactBytes(i));
                }
                assertThat(answer.llmCalls()).isEqualTo(model.requests().size());
                return new Figures(s.question(), answer.intent().name().toLowerCase(java.util.Locale.ROOT), answer.llmCalls(), bytes);
            }
        }
    }

    private static Path write(Map<String, Figures> results) throws IOException {
        String loadBefore = dev.czar.bench.PerformanceReport.loadAverage();
        StringBuilder md = new StringBuilder("| question | intent | LLM round trips | prompt bytes per request (compact JSON) | total prompt bytes |\n")
                .append("|---|---|---|---|---|\n");
        for (Figures f : results.values()) {
            md.append("| ").append(f.question()).append(" | ").append(f.intent()).append(" | ").append(f.roundTrips()).append(" | ")
                    .append(f.requestBytes()).append(" | ").append(f.totalBytes()).append(" |\n");
        }
        Path out = Path.of("target", "bench", "agent-prompt-budget.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        if (Boolean.getBoolean("czar.bench")) { // ./mvnw -Pbench verify records the figures in docs/PERFORMANCE.md
            dev.czar.bench.PerformanceReport.write("llm-economy", "LLM economy by intent (stubbed model)", loadBefore,
                    "`AgentPromptBudgetTest` (also in the default build, where it only holds the budget): each question asked"
                            + " once through `ChatService` against a WireMock OpenAI-compatible stub scripted with a tool call"
                            + " and a final answer, over a repository with 25 feature branches; bytes are the compact JSON"
                            + " request bodies the provider would bill. Target: a single-branch status question in at most"
                            + " 2 round trips and under 8 KB of prompt (asserted).\n\n" + md);
        }
        return out;
    }
}
