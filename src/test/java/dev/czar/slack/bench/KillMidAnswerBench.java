package dev.czar.slack.bench;

import dev.czar.bench.BenchResults;
import dev.czar.bench.PerformanceReport;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.ModelStub;
import dev.czar.testsupport.SignedSlackRequests;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.czar.testsupport.ModelStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill (bench profile, whole process): {@code czar serve --http} is killed with SIGKILL while it waits for the
 * language model in the middle of an answer, restarted on the same home, and Slack redelivers the event (as it does
 * when the first delivery's answer never came). Records what the user sees in the thread: it must never be two
 * replies; whether the question is answered at all after the restart is recorded, not assumed.
 */
class KillMidAnswerBench {
    @TempDir
    Path work;

    @Test
    void sigkill_mid_answer_then_restart_and_redelivery() throws Exception {
        try {
            drill();
        } catch (Throwable failure) { // one earlier run ended in an error whose cause was lost: keep czar's own account
            System.out.println("KillMidAnswerBench failed: " + failure);
            printLogTails(work.resolve("home").resolve("logs"));
            throw failure;
        }
    }

    private void drill() throws Exception {
        String loadBefore = PerformanceReport.loadAverage();
        try (TempGitRepo repo = TempGitRepo.init(work.resolve("repo"), "main");
             SlackApiStub slack = new SlackApiStub(); ModelStub model = ModelStub.openAi()) {
            repo.commit("initial commit", Map.of("README.md", "hello\n"));
            // the first model call hangs (czar is killed during it); later calls answer at once
            model.replies(ok(Fixtures.read("openai/chat.completions.greeting.json")).withFixedDelay(60_000),
                    ok(Fixtures.read("openai/chat.completions.greeting.json")),
                    ok(Fixtures.read("openai/chat.completions.greeting.json")));
            Map<String, String> env = Map.of("CZAR_LLM_PROVIDER", "openai", "CZAR_LLM_BASE_URL", model.baseUrl(),
                    "CZAR_LLM_MODEL", "gpt-4o-mini", "CZAR_LLM_API_KEY", "sk-test-" + "0123456789abcdefghij",
                    "CZAR_LLM_TIMEOUT_SECONDS", "90", "CZAR_LLM_MAX_RETRIES", "0");
            int port = AckLoadBenchmark.freePort();
            SignedSlackRequests requests = new SignedSlackRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"),
                    SignedSlackRequests.FAKE_SIGNING_SECRET);
            String ts = "1765100000.000001";
            String event = AckLoadBenchmark.event("EvKILL0001", ts).replace("status of feature-x", "hello");

            // when: first delivery, SIGKILL while the model call is in flight
            Process first = AckLoadBenchmark.startCzar(work, repo.dir(), slack.apiUrl(), port, env);
            int firstAck = requests.event(event).statusCode();
            SlackApiStub.await(() -> model.requests().size() >= 1, Duration.ofSeconds(30), "the model called");
            first.destroyForcibly(); // SIGKILL on Linux
            first.waitFor(10, TimeUnit.SECONDS);
            int repliesBeforeRestart = replies(slack, ts);

            // restart on the same home; Slack redelivers because it never saw an answer
            Process second;
            try {
                second = AckLoadBenchmark.startCzar(work, repo.dir(), slack.apiUrl(), port, env);
            } catch (IllegalStateException e) { // the killed process's port or database lock not yet released
                System.out.println("restart refused (" + e.getMessage() + "); retrying once in 3 s");
                Thread.sleep(3000);
                second = AckLoadBenchmark.startCzar(work, repo.dir(), slack.apiUrl(), port, env);
            }
            try {
                int redeliveryAck = requests.redelivery(event, 1).statusCode();
                Thread.sleep(8000);
                int repliesAfter = replies(slack, ts);
                int modelCalls = model.requests().size();
                String outcome = repliesAfter == 1 ? "answered once after the restart"
                        : repliesAfter == 0 ? "NOT answered: the question is lost (the event id was recorded before the"
                        + " answer, so the redelivery is dropped as a duplicate)" : "answered " + repliesAfter + " times";
                String body = "`KillMidAnswerBench`: `czar serve --http` with the LLM on (WireMock stand-in whose first reply"
                        + " hangs), one `app_mention` (\"hello\"), SIGKILL while the model call is in flight, restart on the same"
                        + " home, then Slack's redelivery (`X-Slack-Retry-Num: 1`, same `event_id`).\n\n"
                        + "| first ack | replies before the kill | redelivery ack | model calls in total | replies in the thread after"
                        + " restart + redelivery | outcome |\n|---|---|---|---|---|---|\n"
                        + "| " + firstAck + " | " + repliesBeforeRestart + " | " + redeliveryAck + " | " + modelCalls + " | "
                        + repliesAfter + " | " + outcome + " |\n";
                PerformanceReport.write("kill-mid-answer", "SIGKILL in the middle of an answer", loadBefore, body);
                BenchResults.record("90-kill-mid-answer", "SIGKILL of `czar serve` mid-answer (model call in flight), restart,"
                                + " Slack redelivery", "`KillMidAnswerBench`", "no double reply, nothing lost",
                        repliesAfter + " reply in the thread after restart + redelivery (" + repliesBeforeRestart + " before the"
                                + " kill), " + modelCalls + " model calls; " + outcome, repliesAfter == 1);
                System.out.println(body);
                assertThat(repliesAfter).as("replies in the thread (never two)").isLessThanOrEqualTo(1);
            } finally {
                second.destroy();
                second.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int replies(SlackApiStub slack, String ts) {
        List<Map<String, String>> posts = slack.calls("chat.postMessage");
        return (int) posts.stream().filter(p -> ts.equals(p.get("thread_ts"))).count();
    }

    /** The last lines of each of czar's log files (the child's stderr goes to the test output; its log goes here). */
    private static void printLogTails(Path logs) {
        if (!Files.isDirectory(logs)) {
            System.out.println("no czar log directory at " + logs);
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                System.out.println("--- last lines of " + f.getFileName() + " ---");
                lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
            }
        } catch (IOException e) {
            System.out.println("cannot read czar's logs: " + e);
        }
    }
}
