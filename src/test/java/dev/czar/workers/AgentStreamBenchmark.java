package dev.czar.workers;

import com.sun.management.OperatingSystemMXBean;
import dev.czar.bench.PerformanceReport;
import dev.czar.workers.agents.ClaudeCodeAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervisor overhead of reading agent streams (bench profile): 20 real processes at once, each printing 50 MB of
 * Claude Code stream-json (text, Edit tool calls, 8 kB tool results, Bash calls), started by the real
 * {@link LocalProcessBackend} and read by the real {@link LocalWorker} (raw bytes to the log file, bounded lines,
 * {@code ClaudeCodeStream} events folded into facts). Records the retained heap (heap in use after a full collection,
 * forced every 5 s during the run) and the CPU czar's JVM spent per MB.
 */
class AgentStreamBenchmark {
    private static final int WORKERS = 20;
    private static final int ROUNDS = 50;

    @TempDir
    Path tmp;

    @Test
    void twenty_workers_each_streaming_fifty_megabytes_of_stream_json() throws Exception {
        String loadBefore = PerformanceReport.loadAverage();
        Path round = tmp.resolve("round.jsonl");
        long roundBytes = writeRound(round);
        Path result = tmp.resolve("result.jsonl");
        Files.writeString(result, "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":" + ROUNDS
                + ",\"result\":\"CZAR_DONE: bench\",\"session_id\":\"bench\",\"total_cost_usd\":1.5,"
                + "\"usage\":{\"input_tokens\":1000,\"output_tokens\":100},\"permission_denials\":[]}\n");
        String script = "cat " + round + " > /dev/null; for i in $(seq 1 " + ROUNDS + "); do cat " + round + "; done; cat " + result;
        LocalProcessBackend backend = new LocalProcessBackend(Clock.systemUTC());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        long heapBefore = heapUsed();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<RunningWorker> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(backend.start(new WorkerLaunch("bench-" + i, List.of("bash", "-c", script), tmp, null, Map.of(),
                    tmp.resolve("logs").resolve("bench-" + i + ".log"), new ClaudeCodeAdapter().stream())));
        }
        Map<Long, Long> pumpCpu = new HashMap<>();
        long maxRetained = 0;
        long lastForcedGc = System.nanoTime();
        while (workers.stream().anyMatch(w -> w.exitCode().isEmpty())) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("worker-bench-")) {
                    long cpu = threads.getThreadCpuTime(info.getThreadId());
                    if (cpu > 0) {
                        pumpCpu.put(info.getThreadId(), cpu);
                    }
                }
            }
            if (System.nanoTime() - lastForcedGc > 5_000_000_000L) { // a full collection every 5 s: what is really held
                System.gc();
                maxRetained = Math.max(maxRetained, heapUsed() - heapBefore);
                lastForcedGc = System.nanoTime();
            }
            Thread.sleep(100);
        }
        long wall = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        System.gc();
        long heapAfterRun = heapUsed() - heapBefore;

        double megabytes = WORKERS * (double) (roundBytes * ROUNDS) / (1024 * 1024);
        for (RunningWorker w : workers) {
            WorkerFacts facts = w.facts();
            assertThat(facts.turnEnded()).isTrue();
            assertThat(facts.turns()).isEqualTo(ROUNDS);
            assertThat(facts.changedCount()).isEqualTo(20);
            assertThat(facts.lastTool()).startsWith("Bash ./mvnw -q test");
        }
        long pumps = pumpCpu.values().stream().mapToLong(Long::longValue).sum();
        String body = String.format(Locale.ROOT, """
                `AgentStreamBenchmark` (`./mvnw -Pbench verify`, or `-Dtest=AgentStreamBenchmark`): %d worker processes at once
                (`bash -c 'cat round.jsonl' x %d`), each printing %.1f MB of Claude Code stream-json (a round of %d kB: text
                messages, Edit tool calls on 20 files, 8 kB tool results, Bash calls; then a result event), started by
                `LocalProcessBackend` and read by `LocalWorker` exactly as in production: every byte appended to the
                attempt's log file, lines cut with at most 1 MiB held, each parsed by `ClaudeCodeStream` into events folded
                into `WorkerFacts`. All %d workers' facts are checked afterwards (turn ended, %d turns, 20 files, last tool).

                | figure | value |
                |---|---|
                | stream-json read, all workers | %.0f MB in %.1f s wall (%.0f MB/s) |
                | czar JVM CPU, whole process (reading threads, GC including the forced ones, JIT) | %.0f ms, %.2f ms per MB |
                | CPU of the %d reading threads alone | %.0f ms, %.2f ms per MB |
                | retained heap during the run (in use after a full GC every 5 s, above the baseline), max | %.1f MB |
                | retained heap after the run, forced GC, workers still referenced | %.1f MB |

                The retained heap does not grow with the stream: a reader holds one line (at most 1 MiB), the last 40
                output lines for failure reports, at most 50 file names and 10 denials, and 256 tool-call ids.
                """, WORKERS, ROUNDS, roundBytes * ROUNDS / (1024.0 * 1024), roundBytes / 1024, WORKERS, ROUNDS,
                megabytes, wall / 1e9, megabytes / (wall / 1e9), cpu / 1e6, cpu / 1e6 / megabytes, WORKERS, pumps / 1e6,
                pumps / 1e6 / megabytes, maxRetained / (1024.0 * 1024), heapAfterRun / (1024.0 * 1024));
        System.out.println(body);
        if (Boolean.getBoolean("czar.bench")) {
            PerformanceReport.write("agent-streams", "Agent streams: 20 workers x 50 MB of stream-json (issue 17)",
                    loadBefore, body);
        }
    }

    /** Heap in use; right after {@code System.gc()} that is what is retained. */
    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** About 1 MB of stream-json lines, shaped like a Claude Code turn; returns its size in bytes. */
    private static long writeRound(Path file) throws Exception {
        StringBuilder out = new StringBuilder();
        String content = "x".repeat(8_000);
        int i = 0;
        while (out.length() < 1_000_000) {
            String id = "toolu_" + i;
            out.append("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Looking at the login code, step ")
                    .append(i).append(".\"}]},\"session_id\":\"bench\"}\n");
            out.append("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"").append(id)
                    .append("\",\"name\":\"Edit\",\"input\":{\"file_path\":\"/w/src/File").append(i % 20)
                    .append(".java\",\"old_string\":\"").append("a".repeat(900)).append("\",\"new_string\":\"")
                    .append("b".repeat(900)).append("\"}}]},\"session_id\":\"bench\"}\n");
            out.append("{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"").append(id)
                    .append("\",\"content\":\"").append(content).append("\",\"is_error\":false}]},\"session_id\":\"bench\"}\n");
            out.append("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"b").append(i)
                    .append("\",\"name\":\"Bash\",\"input\":{\"command\":\"./mvnw -q test -Dtest=LoginTest\"}}]},\"session_id\":\"bench\"}\n");
            i++;
        }
        Files.writeString(file, out);
        return Files.size(file);
    }
}
