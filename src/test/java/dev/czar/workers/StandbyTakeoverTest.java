package dev.czar.workers;

import dev.czar.Czar;
import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.czar.workers.WorkstreamState.LOST;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, item 6: the active supervisor, a real {@code czar supervise} process, is stopped with SIGSTOP (not
 * killed: its lease row stays, its worker keeps running); the standby in this process takes the lease once it is
 * stale, ends the stranded worker and runs the workstream again.
 */
class StandbyTakeoverTest {
    @TempDir
    Path tmp;
    private Process active;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        if (active != null) {
            List<ProcessHandle> left = active.descendants().toList();
            new ProcessBuilder("kill", "-CONT", Long.toString(active.pid())).start().waitFor();
            active.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            left.forEach(ProcessHandle::destroyForcibly);
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void should_take_over_from_a_stopped_supervisor_once_its_lease_is_stale() throws Exception {
        // given this process hosts the home's database, and a separate czar supervise runs a worker that never ends
        Path repo = tmp.resolve("repo");
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("README.md", "demo\n"));
        }
        Path config = Files.writeString(tmp.resolve("czar.yaml"), Files.readString(Path.of("src/test/resources/fixtures/workers/czar-workers.yaml"))
                .replace("AGENT", Fleet.AGENT.toString())
                // the lease goes stale after five polls: 5 s, so a loaded machine does not pass it on before the stop
                .replace("poll-interval: 50ms", "poll-interval: 1s"));
        Path home = tmp.resolve("home");
        // issue 23: run against PostgreSQL, both processes share one server database instead of the home's file
        Files.writeString(config, MemoryDatabase.storeConfigFor(home), java.nio.file.StandardOpenOption.APPEND);
        Database db = MemoryDatabase.openHome(home);
        open.add(db);
        Workers standby = Workers.open(Fleet.config(Map.of("poll-interval", "1s")), home, repo, () -> Optional.of("main"), db,
                Clock.systemUTC());
        open.add(standby);
        ProcessBuilder supervise = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Czar.class.getName(), "supervise", "--repo", repo.toString(),
                "--home", home.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("active.log").toFile());
        supervise.environment().putAll(MemoryDatabase.storeEnvironment());
        active = supervise.start();
        long started = System.nanoTime();
        while (standby.store().lease().holder().isEmpty() && System.nanoTime() - started < Fleet.PATIENCE.toNanos()) {
            Fleet.sleep(100); // the active supervisor's JVM takes the lease first
        }
        standby.launch("held", "Implement the held work\nagent-mode: hang", 0, null, "local:test", "cli", null);
        Workstream before = awaitState(standby, "held", RUNNING, false);
        assertThat(standby.supervisor().runningHere()).as("the active supervisor runs it, not the standby").isEmpty();

        // when the active supervisor is stopped
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(active.pid())).start().waitFor()).isZero();
        long deadline = System.nanoTime() + Fleet.PATIENCE.toNanos();
        while (!standby.supervisor().tick() && System.nanoTime() < deadline) {
            Fleet.sleep(100);
        }

        // then the standby holds the lease, the stranded worker was ended and the work runs here
        Workstream after = awaitState(standby, "held", RUNNING, true);
        assertThat(standby.supervisor().runningHere()).containsExactly("held");
        assertThat(after.pid()).isNotEqualTo(before.pid());
        assertThat(ProcessHandle.of(before.pid()).filter(ProcessGroups::running)).isEmpty();
        assertThat(standby.history().events("held", 100).stream().map(WorkstreamEvent::to).filter(s -> s != null).toList())
                .containsExactly(QUEUED, RUNNING, LOST, QUEUED, RUNNING);
    }

    private static Workstream awaitState(Workers workers, String name, WorkstreamState state, boolean tick) {
        long deadline = System.nanoTime() + Fleet.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (tick) {
                workers.supervisor().tick();
            }
            Workstream ws = workers.find(name).orElseThrow();
            if (ws.state() == state && ws.pid() != null) {
                return ws;
            }
            Fleet.sleep(100);
        }
        throw new AssertionError(name + " never became " + state + ": " + workers.find(name).orElseThrow());
    }
}
