package dev.czar.slack.bench;

import dev.czar.bench.BenchResults;
import dev.czar.bench.PerformanceReport;
import dev.czar.bench.ProcessMemory;
import dev.czar.testsupport.SignedSlackRequests;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-process benchmark (bench profile, after {@code package}): starts {@code czar serve --http} from the packaged jar
 * as its own process (offline mode, WireMock Slack API held by this process), measures start-up time to ready and
 * resident memory idle, then sends paced bursts of signed {@code app_mention} events at 50, 200 and 1,000 events/s
 * over loopback (plus 10% redeliveries) and records ack and answer latency, lost and duplicated replies, and peak RSS.
 */
class ServeLoadBench {
    private static final int[] RATES = {50, 200, 1000};
    private static final int BURST_SECONDS = 2;

    @TempDir
    Path work;

    record Burst(int rate, int events, int redeliveries, double ackP50, double ackP99, double ackMax, double answerP50,
                 double answerP99, int non200, int lost, int duplicated) {
    }

    @Test
    void start_up_memory_and_slack_bursts() throws Exception {
        String loadBefore = PerformanceReport.loadAverage();
        try (TempGitRepo repo = TempGitRepo.init(work.resolve("repo"), "main");
             SlackApiStub slack = new SlackApiStub()) {
            repo.commit("initial commit", Map.of("README.md", "hello\n"));
            repo.branch("feature-x").checkout("feature-x");
            repo.commit("add feature x", Map.of("x.txt", "x\n"));
            repo.checkout("main");
            StartUps startUps = startUps(repo.dir(), slack.apiUrl());
            int port = AckLoadBenchmark.freePort();
            Process czar = AckLoadBenchmark.startCzar(work, repo.dir(), slack.apiUrl(), port);
            try {
                Thread.sleep(3000); // settle: start-up garbage, lazy threads
                long idleKb = rssKb(czar.pid());
                SignedSlackRequests requests = new SignedSlackRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"),
                        SignedSlackRequests.FAKE_SIGNING_SECRET);
                for (int i = 0; i < 20; i++) { // warm-up, not measured
                    requests.event(AckLoadBenchmark.event("EvWARM" + i, "1700000000." + String.format("%06d", i)));
                }
                slack.awaitCalls("chat.postMessage", 20, Duration.ofSeconds(60));
                long warmKb = rssKb(czar.pid());
                AtomicLong peakKb = new AtomicLong(warmKb);
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peakKb.accumulateAndGet(rssKb(czar.pid()), Math::max);
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                List<Burst> bursts = new ArrayList<>();
                for (int b = 0; b < RATES.length; b++) {
                    bursts.add(burst(requests, slack, b, RATES[b]));
                }
                sampler.interrupt();
                long afterKb = rssKb(czar.pid());
                write(loadBefore, startUps, idleKb, warmKb, peakKb.get(), afterKb, bursts);
                for (Burst burst : bursts) {
                    assertThat(burst.lost()).as("lost at %d/s", burst.rate()).isZero();
                    assertThat(burst.duplicated()).as("duplicated at %d/s", burst.rate()).isZero();
                    assertThat(burst.non200()).as("non-200 acks at %d/s", burst.rate()).isZero();
                }
            } finally {
                czar.destroy();
                czar.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Burst burst(SignedSlackRequests requests, SlackApiStub slack, int index, int rate) throws Exception {
        int events = rate * BURST_SECONDS;
        int redeliveries = events / 10;
        slack.server().resetRequests();
        Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        List<Future<long[]>> acks = new ArrayList<>();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        for (int i = 0; i < events + redeliveries; i++) {
            long due = start + i * intervalNanos * events / (events + redeliveries);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            boolean redelivery = i >= events;
            int of = redelivery ? (i - events) * 10 : i;
            String ts = (1_765_000_000 + index) + "." + String.format("%06d", of);
            String body = AckLoadBenchmark.event("EvB" + index + "N" + of, ts);
            acks.add(senders.submit(() -> {
                long t = System.nanoTime();
                sentAtMillis.putIfAbsent(ts, System.currentTimeMillis());
                int status = redelivery ? requests.redelivery(body, 1).statusCode() : requests.event(body).statusCode();
                return new long[]{(System.nanoTime() - t) / 1000, status};
            }));
        }
        List<Long> ackUs = new ArrayList<>();
        int non200 = 0;
        for (Future<long[]> f : acks) {
            long[] r = f.get();
            ackUs.add(r[0]);
            non200 += r[1] == 200 ? 0 : 1;
        }
        senders.shutdown();
        // wait for answers: until all arrived (then 2 s more for any wrong duplicate) or 15 s without progress
        int seen = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(15)) {
            int now = slack.calls("chat.postMessage").size();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
            if (now >= events) {
                Thread.sleep(2000);
                break;
            }
            Thread.sleep(100);
        }
        Map<String, Integer> repliesPerThread = new HashMap<>();
        List<Long> answerUs = new ArrayList<>();
        for (SlackApiStub.TimedCall call : slack.timedCalls("chat.postMessage")) {
            String thread = call.form().get("thread_ts");
            if (repliesPerThread.merge(thread, 1, Integer::sum) == 1 && sentAtMillis.containsKey(thread)) {
                answerUs.add((call.receivedMillis() - sentAtMillis.get(thread)) * 1000);
            }
        }
        int answered = (int) repliesPerThread.keySet().stream().filter(sentAtMillis::containsKey).count();
        int duplicated = repliesPerThread.values().stream().mapToInt(n -> n - 1).sum();
        ackUs.sort(null);
        answerUs.sort(null);
        return new Burst(rate, events, redeliveries, AckLoadBenchmark.pct(ackUs, 50), AckLoadBenchmark.pct(ackUs, 99),
                ackUs.get(ackUs.size() - 1) / 1000.0,
                answerUs.isEmpty() ? -1 : AckLoadBenchmark.pct(answerUs, 50), answerUs.isEmpty() ? -1 : AckLoadBenchmark.pct(answerUs, 99),
                non200, events - answered, duplicated);
    }

    /** Median start-up to ready of {@code java -jar} and of the {@code ./czar} launcher, started alternately. */
    record StartUps(long plainNanos, long launcherNanos, int rounds) {
    }

    private StartUps startUps(Path repo, String apiUrl) throws Exception {
        // the launcher records target/czar.jsa once per build; that training run is not part of a start
        new ProcessBuilder("sh", Path.of("czar").toAbsolutePath().toString(), "--version").inheritIO().start().waitFor();
        List<Long> plain = new ArrayList<>();
        List<Long> launcher = new ArrayList<>();
        int rounds = 3;
        for (int i = 0; i < rounds; i++) {
            plain.add(timeToReady(repo, apiUrl, "start-plain-" + i, false));
            launcher.add(timeToReady(repo, apiUrl, "start-launcher-" + i, true));
        }
        plain.sort(null);
        launcher.sort(null);
        return new StartUps(plain.get(rounds / 2), launcher.get(rounds / 2), rounds);
    }

    private long timeToReady(Path repo, String apiUrl, String dir, boolean throughLauncher) throws Exception {
        Path home = Files.createDirectories(work.resolve(dir));
        long t0 = System.nanoTime();
        Process czar = AckLoadBenchmark.startCzar(home, repo, apiUrl, AckLoadBenchmark.freePort(), Map.of(), throughLauncher);
        long ready = System.nanoTime() - t0;
        czar.destroy();
        czar.waitFor(10, TimeUnit.SECONDS);
        return ready;
    }

    private static void write(String loadBefore, StartUps startUps, long idleKb, long warmKb, long peakKb, long afterKb,
                              List<Burst> bursts) {
        StringBuilder md = new StringBuilder("`ServeLoadBench` (failsafe, after `package`): `java -jar target/czar.jar serve --http PORT`"
                + " started as its own process (default JVM flags, offline mode, workers on), Slack Web API stood in by WireMock in the"
                + " benchmark's process; the benchmark sends signed `app_mention` events (\"status of feature-x\") from 64 sender"
                + " threads over loopback, paced evenly over " + BURST_SECONDS + " s per burst, plus 10% redeliveries"
                + " (`X-Slack-Retry-Num: 1`) of events already sent. Ack = HTTP response time of the events endpoint;"
                + " answer = from sending the event to the stub receiving the threaded `chat.postMessage` (ms clock)."
                + " Lost = events with no reply; duplicated = replies beyond the first in a thread. RSS from"
                + " `/proc/<pid>/status` VmRSS.\n\n")
                .append("Start-up to ready: median of " + startUps.rounds() + " starts each, alternating `java -jar target/czar.jar`"
                        + " and the `./czar` launcher (which maps the class-data archive `target/czar.jsa` it records once per build).\n\n")
                .append("| start-up to ready, `./czar` | start-up to ready, `java -jar` | RSS idle (3 s after ready) | RSS after 20 warm-up answers"
                        + " | peak RSS during bursts | RSS after bursts | targets |\n|---|---|---|---|---|---|---|\n")
                .append("| ").append(PerformanceReport.ms(startUps.launcherNanos())).append(" | ").append(PerformanceReport.ms(startUps.plainNanos()))
                .append(" | ").append(mb(idleKb)).append(" | ").append(mb(warmKb))
                .append(" | ").append(mb(peakKb)).append(" | ").append(mb(afterKb)).append(" | ready < 3 s: ")
                .append(startUps.launcherNanos() < 3_000_000_000L ? "met" : "NOT met").append("; idle RSS < 300 MB: ")
                .append(idleKb < 300 * 1024 ? "met" : "NOT met").append(" |\n\n")
                .append("| burst | events + redeliveries | ack p50 | ack p99 | ack max | answer p50 | answer p99 | non-200 | lost | duplicated |"
                        + " target p99 ack < 100 ms, 0 lost, 0 duplicated |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Burst b : bursts) {
            md.append(String.format("| %,d events/s | %,d + %,d | %.1f ms | %.1f ms | %.1f ms | %.0f ms | %.0f ms | %d | %d | %d | %s |%n",
                    b.rate(), b.events(), b.redeliveries(), b.ackP50(), b.ackP99(), b.ackMax(), b.answerP50(), b.answerP99(),
                    b.non200(), b.lost(), b.duplicated(),
                    b.ackP99() < 100 && b.lost() == 0 && b.duplicated() == 0 ? "met" : "NOT met"));
        }
        PerformanceReport.write("serve-load", "Start-up, memory and Slack event bursts (czar serve --http)", loadBefore, md.toString());
        System.out.println(md);
        recordSummary(startUps, idleKb, peakKb, bursts);
    }

    private static void recordSummary(StartUps startUps, long idleKb, long peakKb, List<Burst> bursts) {
        BenchResults.record("50-serve-startup", "start-up of `czar serve --http` to ready", "`ServeLoadBench`", "< 3 s",
                "`./czar` " + PerformanceReport.ms(startUps.launcherNanos()) + ", `java -jar` "
                        + PerformanceReport.ms(startUps.plainNanos()) + " (medians of " + startUps.rounds()
                        + "; load average now " + PerformanceReport.loadAverage() + ")",
                startUps.launcherNanos() < 3_000_000_000L);
        BenchResults.record("51-serve-rss", "RSS of `czar serve` idle / under 1,000 events/s", "`ServeLoadBench`", "idle < 300 MB",
                "idle " + mb(idleKb) + ", peak during the bursts " + mb(peakKb), idleKb < 300 * 1024);
        StringBuilder measured = new StringBuilder();
        boolean held = true;
        for (Burst b : bursts) {
            measured.append(measured.length() == 0 ? "" : "; ").append(String.format("%,d/s: p99 ack %.1f ms, answer p99 %.0f ms,"
                    + " lost %d, duplicated %d, non-200 %d", b.rate(), b.ackP99(), b.answerP99(), b.lost(), b.duplicated(), b.non200()));
            held &= b.ackP99() < 100 && b.lost() == 0 && b.duplicated() == 0 && b.non200() == 0;
        }
        BenchResults.record("53-slack-bursts", "Slack bursts 50 / 200 / 1,000 events/s (+10% redeliveries)", "`ServeLoadBench`",
                "p99 ack < 100 ms, 0 lost, 0 duplicated", measured.toString(), held);
    }

    private static String mb(long kb) {
        return ProcessMemory.mb(kb);
    }

    static long rssKb(long pid) {
        return ProcessMemory.rssKb(pid);
    }
}
