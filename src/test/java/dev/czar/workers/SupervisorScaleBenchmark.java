package dev.czar.workers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark launcher (bench profile): one supervisor with 200 workstreams, 50 of them running as real local
 * processes (stand-ins that sleep), 150 queued; the time of one supervisor tick. Target: under 1 s (issue 23, item 5).
 */
class SupervisorScaleBenchmark {
    @TempDir
    Path tmp;

    @Test
    void tick_with_200_workstreams_and_50_running() throws Exception {
        try (Fleet fleet = new Fleet(tmp, Map.of("command", List.of("sleep", "600"), "max-parallel", 50,
                "stuck-after", "30m"))) {
            for (int i = 0; i < 200; i++) {
                fleet.launch("ws-" + i, "Stand-in task number " + i + " for the scale figure");
            }
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (fleet.workers.supervisor().runningHere().size() < 50 && System.nanoTime() < deadline) {
                fleet.workers.supervisor().tick();
            }
            assertThat(fleet.workers.supervisor().runningHere()).hasSize(50);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                fleet.workers.supervisor().tick();
                millis.add((System.nanoTime() - t0) / 1_000_000);
                Thread.sleep(100);
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            String line = "supervisor tick, 200 workstreams (50 running local processes, 150 queued), 20 ticks: median "
                    + sorted.get(10) + " ms, max " + sorted.get(19) + " ms, all " + millis + "; load "
                    + Files.readString(Path.of("/proc/loadavg")).strip();
            System.out.println(line);
            Files.createDirectories(Path.of("target/bench"));
            Files.writeString(Path.of("target/bench/supervisor-scale.txt"), line + "\n");
            assertThat(sorted.get(19)).isLessThan(1000);
        }
    }
}
