package dev.czar.web.bench;

import dev.czar.bench.BenchResults;
import dev.czar.bench.PerformanceReport;
import dev.czar.bench.ProcessMemory;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-process benchmark (bench profile, after {@code package}): {@code czar dashboard} from the packaged jar as its
 * own process over a repository with imported benchmark results; start-up to ready, resident memory idle, then under
 * page load (the whole page, every fragment the page refreshes, and the trend chart PNG, from 8 threads).
 */
class DashboardLoadBench {
    private static final int REQUESTS = 1_200;
    private static final int THREADS = 8;
    private static final List<String> PATHS = List.of("/", "/fragment/fleet", "/fragment/conflicts", "/fragment/ci", "/fragment/bench", "/fragment/audit",
            "/chart/parse_json.png", "/health");
    private static final long IDLE_TARGET_KB = 300 * 1024;

    @TempDir
    Path work;

    @Test
    void dashboard_start_up_idle_memory_and_memory_under_page_load() throws Exception {
        String loadBefore = PerformanceReport.loadAverage();
        try (TempGitRepo repo = TempGitRepo.init(work.resolve("repo"), "main")) {
            repo.commit("initial commit", Map.of("README.md", "hello\n"));
            Path home = work.resolve("home");
            Process importer = czar(repo.dir(), home, "bench", "import", Fixtures.copy("bench/history.csv", work).toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(importer.waitFor(120, TimeUnit.SECONDS) && importer.exitValue() == 0).as("bench import").isTrue();

            long t0 = System.nanoTime();
            Process dashboard = czar(repo.dir(), home, "dashboard", "--port", "0").start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(dashboard.getInputStream(), StandardCharsets.UTF_8));
                String ready = out.readLine();
                long readyNanos = System.nanoTime() - t0;
                assertThat(ready).as("first line of czar dashboard").startsWith("czar dashboard at http://127.0.0.1:");
                Thread drain = new Thread(() -> out.lines().forEach(l -> System.out.println("dashboard: " + l)));
                drain.setDaemon(true);
                drain.start();
                String base = ready.substring("czar dashboard at ".length(), ready.indexOf(' ', "czar dashboard at ".length()));
                Thread.sleep(3000); // settle, as for czar serve
                long idleKb = ProcessMemory.rssKb(dashboard.pid());
                Load load = load(base, dashboard.pid());
                long afterKb = ProcessMemory.rssKb(dashboard.pid());
                write(loadBefore, readyNanos, idleKb, load, afterKb);
                assertThat(load.non200()).as("non-200 pages").isZero();
            } finally {
                dashboard.destroy();
                dashboard.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    record Load(double p50Ms, double p99Ms, int non200, long peakKb, double seconds) {
    }

    private static Load load(String base, long pid) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicLong peakKb = new AtomicLong(ProcessMemory.rssKb(pid));
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakKb.accumulateAndGet(ProcessMemory.rssKb(pid), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            URI uri = URI.create(base.replaceAll("/$", "") + PATHS.get(i % PATHS.size()));
            results.add(clients.submit(() -> {
                long t = System.nanoTime();
                int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                return new long[]{System.nanoTime() - t, status};
            }));
        }
        List<Long> nanos = new ArrayList<>();
        int non200 = 0;
        for (Future<long[]> f : results) {
            long[] r = f.get();
            nanos.add(r[0]);
            non200 += r[1] == 200 ? 0 : 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        sampler.interrupt();
        nanos.sort(null);
        return new Load(percentile(nanos, 50), percentile(nanos, 99), non200, peakKb.get(), seconds);
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static void write(String loadBefore, long readyNanos, long idleKb, Load load, long afterKb) {
        String body = "`DashboardLoadBench` (failsafe, after `package`): `java -jar target/czar.jar dashboard --port 0` as its own"
                + " process (default JVM flags) over a repository whose home holds `fixtures/bench/history.csv` imported with"
                + " `czar bench import`; then " + BenchResults.count(REQUESTS) + " GETs from " + THREADS + " client threads over loopback, cycling"
                + " through " + String.join(", ", PATHS) + " (the page, the fragments it refreshes, the trend chart PNG)."
                + " RSS from `/proc/<pid>/status` VmRSS, sampled every 100 ms.\n\n"
                + "| start-up to ready | RSS idle (3 s after ready) | peak RSS under page load | RSS after the load | requests |"
                + " page p50 | page p99 | non-200 | target idle RSS < 300 MB |\n|---|---|---|---|---|---|---|---|---|\n"
                + String.format("| %s | %s | %s | %s | %,d in %.1f s | %.1f ms | %.1f ms | %d | %s |%n", PerformanceReport.ms(readyNanos),
                ProcessMemory.mb(idleKb), ProcessMemory.mb(load.peakKb()), ProcessMemory.mb(afterKb), REQUESTS, load.seconds(),
                load.p50Ms(), load.p99Ms(), load.non200(), idleKb < IDLE_TARGET_KB ? "met" : "NOT met");
        PerformanceReport.write("dashboard-load", "Start-up and memory of czar dashboard (second process)", loadBefore, body);
        BenchResults.record("52-dashboard-rss", "RSS of `czar dashboard` (its own process) idle / under page load",
                "`DashboardLoadBench`", "idle < 300 MB", String.format("idle %s, peak under %,d page requests %s (p99 %.0f ms,"
                        + " %d non-200); ready in %s", ProcessMemory.mb(idleKb), REQUESTS, ProcessMemory.mb(load.peakKb()),
                        load.p99Ms(), load.non200(), PerformanceReport.ms(readyNanos)), idleKb < IDLE_TARGET_KB && load.non200() == 0);
        System.out.println(body);
    }

    private static ProcessBuilder czar(Path repo, Path home, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", Path.of("target", "czar.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--repo", repo.toString(), "--home", home.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CZAR_CONFIG");
        return builder;
    }
}
