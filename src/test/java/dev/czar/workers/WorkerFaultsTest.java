package dev.czar.workers;

import dev.czar.bench.BenchResults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

/** Faults a worker can throw at czar: a flood of output, a full or broken log directory, hostile task text. */
class WorkerFaultsTest {
    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @TempDir
    Path tmp;
    Fleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void should_stream_100_mb_of_worker_output_to_its_log_without_holding_it_in_memory() throws Exception {
        // given: a worker that prints 100 MB of text (in lines) and exits
        fleet = new Fleet(tmp, Map.of("max-retries", 0, "command", List.of("bash", "-c",
                "cat > /dev/null & yes 'a runaway agent printing the same line again and again' | head -c " + HUNDRED_MB
                        + "; echo; echo flood over")));
        long heapBefore = heapAfterGc();
        fleet.launch("flood", "print a lot\n");

        // when
        long deadline = System.nanoTime() + Fleet.PATIENCE.toNanos();
        Workstream ws = fleet.workers.find("flood").orElseThrow();
        while (System.nanoTime() < deadline) {
            fleet.workers.supervisor().tick();
            ws = fleet.workers.find("flood").orElseThrow();
            if (ws.state() != RUNNING && ws.state() != WorkstreamState.QUEUED) {
                break;
            }
            Thread.sleep(20);
        }

        // then: every byte is in the log file and czar kept (after GC) a small fraction of it: a bounded tail only
        Path log = fleet.home.resolve("workers/flood/attempt-1.log");
        long retained = heapAfterGc() - heapBefore;
        BenchResults.record("60-worker-flood", "worker floods 100 MB of stdout", "`WorkerFaultsTest`",
                "memory bounded (heap retained after GC < 32 MB)", String.format("%,d MB in the log file, heap retained after"
                        + " GC %+.1f MB (the difference of two heap readings after GC; below 0 when the heap shrank)",
                        Files.size(log) / 1024 / 1024, retained / 1024.0 / 1024),
                Files.size(log) >= HUNDRED_MB && retained < 32L * 1024 * 1024);
        assertThat(Files.size(log)).isGreaterThanOrEqualTo(HUNDRED_MB);
        assertThat(heapAfterGc() - heapBefore).as("heap retained after copying 100 MB of output").isLessThan(32L * 1024 * 1024);
        assertThat(fleet.workers.logTail("flood", 3)).contains("flood over").hasSizeLessThan(4096);
        assertThat(ws.state()).as("reason: %s", ws.reason()).isNotEqualTo(RUNNING);
    }

    @Test
    void should_fail_a_launch_with_a_clear_reason_when_its_log_directory_cannot_be_written_and_keep_the_others() {
        // given: where the log directory of 'blocked' should be there is a file (as if the disk refused the directory)
        fleet = new Fleet(tmp, Map.of("max-retries", 0));
        Path logDir = fleet.home.resolve("workers/blocked");
        writeFile(logDir, "not a directory\n");

        // when
        fleet.launch("blocked", "agent-mode: commit\n");
        fleet.launch("healthy", "agent-mode: commit\nagent-linger: 30\n");
        Workstream healthy = fleet.await("healthy", w -> w.state() == RUNNING && w.pid() != null, Fleet.PATIENCE, "running");
        Workstream blocked = fleet.await("blocked", w -> w.state() == FAILED || w.state() == WorkstreamState.QUEUED && w.reason() != null
                && w.reason().contains(logDir.getFileName().toString()), Fleet.PATIENCE, "failed with a reason");

        // then: one line naming the path, no stack trace; the other workstream and the store are unaffected
        boolean oneLine = blocked.reason().contains("blocked") && !blocked.reason().contains("Exception:")
                && !blocked.reason().contains("\tat ");
        BenchResults.record("61-log-dir-unwritable", "artifact (log) directory unwritable", "`WorkerFaultsTest`",
                "clear error, state intact", "launch " + blocked.state() + " with one line (" + (oneLine ? "no" : "a")
                        + " stack trace); the other workstream " + healthy.state() + "; store " + (fleet.workers
                        .find("healthy").isPresent() ? "intact" : "missing the other workstream"),
                oneLine && healthy.state() == RUNNING && blocked.pid() == null);
        assertThat(blocked.reason()).contains("blocked").doesNotContain("Exception:").doesNotContain("\tat ");
        assertThat(blocked.pid()).isNull();
        assertThat(healthy.state()).isEqualTo(RUNNING);
        assertThat(fleet.workers.find("healthy")).isPresent();
        assertThat(fleet.workers.history().events("blocked", 20)).isNotEmpty();
    }

    @Test
    void should_pass_shell_metacharacters_in_task_text_to_the_worker_verbatim_and_never_through_a_shell() throws Exception {
        // given: task text full of shell syntax that would create canary files if any shell evaluated it
        Path canary = tmp.resolve("canary");
        String hostile = "$(touch " + canary + ") `touch " + canary + "-2`; touch " + canary + "-3 && echo pwned | tee x > y"
                + " ${IFS}$HOME 'quote \"double\" \\ backslash <&> |'";
        String task = "Write the text below to work/hostile.txt\nagent-mode: commit\nagent-linger: 30\nagent-file: work/hostile.txt\n"
                + "agent-content: " + hostile + "\n";
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("hostile", task);

        // when
        fleet.await("hostile", w -> w.state() == RUNNING && fleet.workers.logTail("hostile", 5).contains("committed"),
                Fleet.PATIENCE, "running with a commit");

        // then: the text arrived byte for byte (file and stdin agree) and nothing ran it
        Path copy = fleet.home.resolve("worktrees/hostile");
        long canaries = java.util.stream.Stream.of(canary, tmp.resolve("canary-2"), tmp.resolve("canary-3"), copy.resolve("y"))
                .filter(Files::exists).count();
        boolean verbatim = Files.readString(copy.resolve("work/hostile.txt")).equals(hostile + "\n");
        BenchResults.record("62-shell-metacharacters", "shell metacharacters in task text", "`WorkerFaultsTest`",
                "nothing reaches a shell", "text arrives " + (verbatim ? "byte for byte" : "ALTERED") + " via stdin and TASK.md; "
                        + canaries + " canary files created", verbatim && canaries == 0);
        assertThat(Files.readString(copy.resolve("TASK.md"))).isEqualTo(task);
        assertThat(Files.readString(copy.resolve("work/hostile.txt"))).isEqualTo(hostile + "\n");
        assertThat(canary).doesNotExist();
        assertThat(tmp.resolve("canary-2")).doesNotExist();
        assertThat(tmp.resolve("canary-3")).doesNotExist();
        assertThat(copy.resolve("y")).doesNotExist();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void writeFile(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
