package dev.czar.slack.bench;

import dev.czar.testsupport.SignedSlackRequests;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.SlackFixtures;
import dev.czar.testsupport.TempGitRepo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Load benchmark, not a test: starts {@code java -jar target/czar.jar serve --http PORT} as its own process against a
 * WireMock Slack stub held by this process, fires a burst of signed {@code app_mention} events (and redeliveries
 * of some of them) at it over loopback, and reports ack latency percentiles, replies posted, duplicates and losses.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat target/test-cp.txt)
 * dev.czar.slack.bench.AckLoadBenchmark [events] [redeliveries] [concurrency]}
 */
public final class AckLoadBenchmark {
    private AckLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int redeliveries = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path work = Files.createTempDirectory("czar-ack-bench");
        try (TempGitRepo repo = TempGitRepo.init(work.resolve("repo"), "main");
             SlackApiStub slack = new SlackApiStub()) {
            repo.commit("initial commit", Map.of("README.md", "hello\n"));
            repo.branch("feature-x").checkout("feature-x");
            repo.commit("add feature x", Map.of("x.txt", "x\n"));
            repo.checkout("main");
            int port = freePort();
            Process czar = startCzar(work, repo.dir(), slack.apiUrl(), port);
            try {
                run(new SignedSlackRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"),
                        SignedSlackRequests.FAKE_SIGNING_SECRET), slack, events, redeliveries, concurrency);
            } finally {
                czar.destroy();
                czar.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(SignedSlackRequests requests, SlackApiStub slack, int events, int redeliveries,
                            int concurrency) throws Exception {
        // warm-up: JIT, connection pool, Bolt's auth.test cache; not measured, separate thread prefix
        for (int i = 0; i < 20; i++) {
            requests.event(event("EvWARM" + i, "1700000000." + String.format("%06d", i)));
        }
        slack.awaitCalls("chat.postMessage", 20, Duration.ofSeconds(60));
        slack.server().resetRequests();

        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> sent = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < events; i++) {
            String body = event("EvBENCH" + i, ts(i));
            sent.add(senders.submit(() -> timed(() -> requests.event(body).statusCode())));
        }
        for (int i = 0; i < redeliveries; i++) {
            int of = (int) ((long) i * events / Math.max(1, redeliveries));
            String body = event("EvBENCH" + of, ts(of));
            sent.add(senders.submit(() -> timed(() -> requests.redelivery(body, 1).statusCode())));
        }
        List<Long> latenciesUs = new ArrayList<>();
        int non200 = 0;
        for (Future<long[]> f : sent) {
            long[] r = f.get();
            latenciesUs.add(r[0]);
            if (r[1] != 200) {
                non200++;
            }
        }
        long sendMs = (System.nanoTime() - started) / 1_000_000;
        senders.shutdown();

        long waitStart = System.nanoTime();
        int seen = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(10)) {
            int now = slack.calls("chat.postMessage").size();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
            if (now >= events) {
                Thread.sleep(2000); // let any (wrong) duplicate arrive
                break;
            }
            Thread.sleep(100);
        }
        long answeredMs = (System.nanoTime() - started) / 1_000_000;
        List<Map<String, String>> posts = slack.calls("chat.postMessage");
        Set<String> threads = new HashSet<>();
        for (Map<String, String> post : posts) {
            threads.add(post.get("thread_ts"));
        }
        Collections.sort(latenciesUs);
        System.out.printf("events sent: %d distinct + %d redeliveries (X-Slack-Retry-Num: 1), %d concurrent senders%n",
                events, redeliveries, concurrency);
        System.out.printf("acks: %d requests, non-200: %d, sent in %d ms%n", latenciesUs.size(), non200, sendMs);
        System.out.printf("ack latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n", pct(latenciesUs, 50),
                pct(latenciesUs, 90), pct(latenciesUs, 99), latenciesUs.get(latenciesUs.size() - 1) / 1000.0);
        System.out.printf("replies posted: %d, distinct threads answered: %d, duplicates: %d, lost: %d%n",
                posts.size(), threads.size(), posts.size() - threads.size(), events - threads.size());
        System.out.printf("all answers posted %d ms after the first event (waited %d ms after the last ack)%n",
                answeredMs, (System.nanoTime() - waitStart) / 1_000_000);
    }

    private static long[] timed(IntSupplierWithException call) throws Exception {
        long t0 = System.nanoTime();
        int status = call.get();
        return new long[]{(System.nanoTime() - t0) / 1000, status};
    }

    @FunctionalInterface
    private interface IntSupplierWithException {
        int get() throws Exception;
    }

    static double pct(List<Long> sortedUs, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedUs.size()) - 1;
        return sortedUs.get(Math.max(0, index)) / 1000.0;
    }

    private static String ts(int i) {
        return "1764250000." + String.format("%06d", i);
    }

    static String event(String eventId, String ts) {
        return SlackFixtures.fill("payloads/app_mention.json", Map.of("user", "U0BENCH001", "text", "status of feature-x",
                "ts", ts, "event_id", eventId));
    }

    static Process startCzar(Path work, Path repo, String apiUrl, int port) throws IOException, InterruptedException {
        return startCzar(work, repo, apiUrl, port, Map.of());
    }

    static Process startCzar(Path work, Path repo, String apiUrl, int port, Map<String, String> env)
            throws IOException, InterruptedException {
        return startCzar(work, repo, apiUrl, port, env, false);
    }

    /**
     * @param throughLauncher start as users do, with the {@code ./czar} launcher (which maps the class-data archive
     *                        {@code target/czar.jsa}), instead of a bare {@code java -jar}
     */
    static Process startCzar(Path work, Path repo, String apiUrl, int port, Map<String, String> env, boolean throughLauncher)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(throughLauncher
                ? List.of("sh", Path.of("czar").toAbsolutePath().toString())
                : List.of("java", "-jar", Path.of("target", "czar.jar").toAbsolutePath().toString()));
        command.addAll(List.of("serve", "--http", Integer.toString(port), "--repo", repo.toString(),
                "--home", work.resolve("home").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("SLACK_BOT_TOKEN", SlackApiStub.BOT_TOKEN);
        builder.environment().put("SLACK_SIGNING_SECRET", SignedSlackRequests.FAKE_SIGNING_SECRET);
        builder.environment().put("CZAR_SLACK_API_URL", apiUrl);
        builder.environment().putAll(env);
        Process czar = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(czar.getInputStream(), StandardCharsets.UTF_8));
        // lines before the ready line (a JVM or logging warning on the merged stderr) are kept, not taken for a failure
        StringBuilder before = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("czar serving Slack")) {
            before.append("\n  ").append(line);
        }
        if (line == null) { // the child ended without becoming ready: say what it said (its error or stack trace)
            czar.waitFor(10, TimeUnit.SECONDS);
            czar.destroy();
            throw new IllegalStateException("czar serve did not start (exit " + (czar.isAlive() ? "unknown" : czar.exitValue())
                    + "); its output:" + (before.length() == 0 ? " (none)" : before));
        }
        if (before.length() > 0) {
            System.out.println("czar before ready:" + before);
        }
        System.out.println("started: " + line);
        Thread drain = new Thread(() -> out.lines().forEach(l -> System.out.println("czar: " + l)));
        drain.setDaemon(true);
        drain.start();
        return czar;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
