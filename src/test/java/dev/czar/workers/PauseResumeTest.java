package dev.czar.workers;

import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import dev.czar.command.AccessPolicy;
import dev.czar.command.CommandPath;
import dev.czar.command.CommandRegistry;
import dev.czar.config.AccessConfig;
import dev.czar.store.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.czar.workers.WorkstreamState.LOST;
import static dev.czar.workers.WorkstreamState.PAUSED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static org.assertj.core.api.Assertions.assertThat;

/** Pause and resume with real scripted-agent processes: SIGSTOP/SIGCONT of the group, the queue hold, restarts. */
class PauseResumeTest {
    private static final Pattern TICK = Pattern.compile("tick (\\d+)");
    private static final String TICKER = "Implement the ticker\nagent-mode: tick\n";

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
    void should_stop_a_paused_worker_never_call_it_stuck_and_continue_it_on_resume() {
        // given a worker printing a tick every half second, and stuck-after of 5s (a loaded machine may hold a tick
        // back for a second or two; a worker called stuck while running would fail this test for the wrong reason)
        fleet = new Fleet(tmp, Map.of("stuck-after", "5s", "max-retries", 0));
        fleet.launch("ticker", TICKER);
        Workstream running = fleet.await("ticker", w -> w.state() == RUNNING && lastTick("ticker") >= 2,
                Fleet.PATIENCE, "running and ticking");

        // when paused
        String paused = fleet.workers.pause("ticker", "U_OP").line();
        fleet.await("ticker", w -> processState(running.pid()) == 'T', Fleet.PATIENCE, "stopped");
        int ticksAtStop = settledTicks();
        tickFor(Duration.ofSeconds(10)); // twice workers.stuck-after without any output

        // then it printed nothing more and is still PAUSED, not STUCK
        assertThat(paused).startsWith("Paused ticker (was running)");
        assertThat(lastTick("ticker")).isEqualTo(ticksAtStop);
        Workstream held = fleet.workers.find("ticker").orElseThrow();
        assertThat(held.state()).isEqualTo(PAUSED);
        assertThat(held.pausedFrom()).isEqualTo(RUNNING);
        assertThat(held.pid()).isEqualTo(running.pid());

        // when resumed, it goes on where it stopped and is not declared stuck for the paused time
        assertThat(fleet.workers.resume("ticker", "U_OP").line()).startsWith("Resumed ticker (running)");
        fleet.await("ticker", w -> lastTick("ticker") > ticksAtStop + 2, Fleet.PATIENCE, "ticking again");

        assertThat(processState(running.pid())).isNotEqualTo('T');
        assertThat(fleet.workers.find("ticker").orElseThrow().state()).isEqualTo(RUNNING);
        assertThat(fleet.history("ticker")).containsExactly(QUEUED, RUNNING, PAUSED, RUNNING).doesNotContain(STUCK);
        assertThat(fleet.workers.history().events("ticker", 20)).extracting(WorkstreamEvent::reason)
                .anyMatch(r -> r.startsWith("paused by U_OP (was running)"))
                .anyMatch(r -> r.contains("stopped (SIGSTOP)"))
                .anyMatch(r -> r.startsWith("resumed by U_OP"))
                .anyMatch(r -> r.contains("continued (SIGCONT)"));
    }

    @Test
    void should_not_start_a_paused_queued_workstream_while_a_slot_is_free_until_resumed() throws Exception {
        // given
        fleet = new Fleet(tmp, Map.of("max-parallel", 2, "stuck-after", "60s"));
        fleet.workers.launch("held", TICKER, 9, null, "local:test", "cli", null);
        assertThat(fleet.workers.pause("held", "U_OP").line()).startsWith("Paused held (was queued): it is not started until resumed");
        fleet.launch("other", TICKER);

        // when the other one runs and a slot stays free
        fleet.await("other", RUNNING);
        tickFor(Duration.ofSeconds(1));

        // then
        Workstream held = fleet.workers.find("held").orElseThrow();
        assertThat(held.state()).isEqualTo(PAUSED);
        assertThat(held.attempts()).isZero();
        assertThat(fleet.workers.supervisor().runningHere()).containsExactly("other");
        assertThat(fleet.workers.queue()).extracting(FleetText::queueLine)
                .containsExactly("held  PAUSED  priority 9  held until resumed (was QUEUED)  — Implement the ticker");
        assertThat(Files.readString(fleet.home.resolve("status.json"))).containsPattern(
                "\"name\" : \"held\",\\s*\"branch\" : \"czar/held\",\\s*\"state\" : \"PAUSED\"");

        fleet.workers.resume("held", "U_OP");
        fleet.await("held", RUNNING);
        assertThat(fleet.history("held")).containsExactly(QUEUED, PAUSED, QUEUED, RUNNING);
    }

    @Test
    void should_keep_a_paused_worker_paused_when_its_supervisor_dies_ending_its_stopped_process() {
        // given a paused (stopped) worker whose czar dies like kill -9
        fleet = new Fleet(tmp, Map.of("stuck-after", "60s"));
        fleet.launch("frozen", TICKER);
        Workstream running = fleet.await("frozen", w -> w.state() == RUNNING && lastTick("frozen") >= 1,
                Fleet.PATIENCE, "ticking");
        fleet.workers.pause("frozen", "U_OP");
        fleet.await("frozen", w -> processState(running.pid()) == 'T', Fleet.PATIENCE, "stopped");
        ProcessHandle stopped = ProcessHandle.of(running.pid()).orElseThrow();
        fleet.workers.supervisor().abandon();

        // when the next czar supervises the same home
        Workers second = fleet.open(Fleet.config(Map.of("stuck-after", "60s")));
        long deadline = System.nanoTime() + Fleet.PATIENCE.toNanos();
        while (!second.supervisor().tick() && System.nanoTime() < deadline) {
            Fleet.sleep(100);
        }
        second.supervisor().tick();

        // then the stopped process is ended, and the workstream is re-queued once but stays paused
        assertThat(ProcessGroups.running(stopped)).isFalse();
        Workstream after = second.find("frozen").orElseThrow();
        assertThat(after.state()).isEqualTo(PAUSED);
        assertThat(after.pausedFrom()).isEqualTo(QUEUED);
        assertThat(second.supervisor().runningHere()).isEmpty();
        assertThat(fleet.history("frozen")).containsExactly(QUEUED, RUNNING, PAUSED, LOST, PAUSED);

        // and resuming starts a fresh attempt
        assertThat(second.resume("frozen", "U_OP").line()).startsWith("Resumed frozen (queued)");
        long started = System.nanoTime() + Fleet.PATIENCE.toNanos();
        while (second.find("frozen").orElseThrow().state() != RUNNING && System.nanoTime() < started) {
            second.supervisor().tick();
            Fleet.sleep(50);
        }
        assertThat(second.find("frozen").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void should_keep_it_paused_across_a_clean_stop_of_czar() {
        fleet = new Fleet(tmp, Map.of("stuck-after", "60s"));
        fleet.launch("napper", TICKER);
        Workstream running = fleet.await("napper", w -> w.state() == RUNNING && lastTick("napper") >= 1,
                Fleet.PATIENCE, "ticking");
        fleet.workers.pause("napper", "U_OP");
        fleet.await("napper", w -> processState(running.pid()) == 'T', Fleet.PATIENCE, "stopped");

        fleet.workers.supervisor().close();

        Workstream after = fleet.workers.find("napper").orElseThrow();
        assertThat(ProcessHandle.of(running.pid()).map(ProcessGroups::running).orElse(false)).isFalse();
        assertThat(after.state()).isEqualTo(PAUSED);
        assertThat(after.pausedFrom()).isEqualTo(QUEUED);
        assertThat(after.reason()).contains("once resumed (still paused)");
    }

    @Test
    void should_refuse_pause_to_a_viewer_and_audit_both_the_refusal_and_the_operator_s_pause() {
        // given the real command path with the worker commands
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("api", TICKER);
        AuditLog audit = new AuditLog(fleet.db, Clock.systemUTC());
        CommandPath path = new CommandPath(new WorkerCommands(fleet.workers).registerAll(new CommandRegistry()),
                new AccessPolicy(new AccessConfig(List.of("U_ADMIN"), List.of("U_OP"), "viewer")), audit);

        // when
        Answer refused = path.execute(new Message("/czar pause api", "U_VIEWER", "C1", null, Instant.now()));
        WorkstreamState afterRefusal = fleet.workers.find("api").orElseThrow().state();
        Answer paused = path.execute(new Message("/czar pause api", "U_OP", "C1", null, Instant.now()));
        Answer resumed = path.execute(new Message("/czar resume api", "U_OP", "C1", null, Instant.now()));

        // then
        assertThat(refused.text()).startsWith("'pause' needs the operator role; you are viewer.");
        assertThat(afterRefusal).isEqualTo(QUEUED);
        assertThat(paused.text()).startsWith("Paused api (was queued)");
        assertThat(resumed.text()).startsWith("Resumed api (queued)");
        assertThat(audit.recent(3)).extracting(e -> e.user() + " " + e.command() + " " + e.arguments() + " " + e.outcome())
                .containsExactly("U_OP resume api ok", "U_OP pause api ok", "U_VIEWER pause api refused");
        assertThat(fleet.history("api")).containsExactly(QUEUED, PAUSED, QUEUED);
    }

    /** Ticks the supervisor for a while; for asserting that something does NOT happen over a span of time. */
    private void tickFor(Duration span) {
        long end = System.nanoTime() + span.toNanos();
        while (System.nanoTime() < end) {
            fleet.workers.supervisor().tick();
            Fleet.sleep(50);
        }
    }

    /** The last tick in the log once output written before the stop has been copied (two equal readings). */
    private int settledTicks() {
        int previous = -1;
        int current = lastTick("ticker");
        long deadline = System.nanoTime() + Fleet.PATIENCE.toNanos();
        while (current != previous && System.nanoTime() < deadline) {
            Fleet.sleep(700);
            previous = current;
            current = lastTick("ticker");
        }
        return current;
    }

    private int lastTick(String name) {
        Matcher m = TICK.matcher(fleet.workers.logTail(name, 3));
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    /** The process state letter from /proc (T = stopped), or '?' when it is gone. */
    private static char processState(Long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (java.io.IOException e) {
            return '?';
        }
    }
}
