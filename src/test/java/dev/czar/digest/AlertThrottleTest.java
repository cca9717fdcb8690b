package dev.czar.digest;

import dev.czar.workers.FleetRecords;
import dev.czar.workers.WorkerAlert;
import dev.czar.workers.Workstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static org.assertj.core.api.Assertions.assertThat;

class AlertThrottleTest {
    @TempDir
    Path tmp;
    DigestFixture fx;
    final List<String> thread = new ArrayList<>();

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private AlertThrottle throttle() {
        return new AlertThrottle((ws, text) -> thread.add(ws.channel() + "/" + ws.thread() + " " + ws.name() + ": " + text),
                fx.db, fx.clock, Duration.ofHours(6), 3);
    }

    @Test
    void should_post_a_flapping_workers_stuck_alert_once() {
        // given
        fx = new DigestFixture(tmp);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.move("fix-login", QUEUED, RUNNING, "worker started");
        AlertWatcher watcher = new AlertWatcher(fx.workers, BenchSource.NONE, throttle(), 0.10);

        // when: it goes stuck and back five times
        for (int i = 0; i < 5; i++) {
            fx.move("fix-login", RUNNING, STUCK, "no output, file change or commit for " + (30 + i) + "m");
            watcher.tick();
            fx.move("fix-login", STUCK, RUNNING, "output again");
            watcher.tick();
        }

        // then
        assertThat(thread).containsExactly("C1/T1 fix-login: STUCK: no output, file change or commit for 30m");
    }

    @Test
    void should_tell_both_workstreams_of_a_predicted_conflict_once() {
        fx = new DigestFixture(tmp);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.launch("add-cache", "Add a response cache", "C1", "T2");
        FleetRecords.of(fx.workers).alerts(List.of(new WorkerAlert("conflict", "main", "fix-login", "both change App.java",
                fx.clock.instant()), new WorkerAlert("conflict", "fix-login", "add-cache", "both change Cache.java", fx.clock.instant())));
        AlertWatcher watcher = new AlertWatcher(fx.workers, BenchSource.NONE, throttle(), 0.10);

        watcher.tick();
        watcher.tick();

        assertThat(thread).containsExactly(
                "C1/T1 fix-login: predicted conflict main <-> fix-login: both change App.java",
                "C1/T1 fix-login: predicted conflict fix-login <-> add-cache: both change Cache.java",
                "C1/T2 add-cache: predicted conflict fix-login <-> add-cache: both change Cache.java");
    }

    @Test
    void should_alert_only_regressions_beyond_the_threshold() {
        fx = new DigestFixture(tmp);
        Workstream ws = fx.launch("speed-up", "Speed up parsing", "C1", "T1");
        fx.bench.changes.put(ws.branch(), List.of(
                new BenchSource.BenchChange("parse", "parse time", 1.25, true, "slower", List.of(11L, 12L)),
                new BenchSource.BenchChange("render", "render time", 1.06, true, "slower", List.of(13L)),
                new BenchSource.BenchChange("io", "io time", 0.70, false, "faster", List.of(14L))));

        new AlertWatcher(fx.workers, fx.bench, throttle(), 0.10).tick();

        assertThat(thread).containsExactly("C1/T1 speed-up: benchmark regression on czar/speed-up: parse time slower,"
                + " ratio 1.25 vs main (rows [11, 12])");
    }

    @Test
    void should_cap_alerts_per_workstream_per_hour_and_let_other_notices_through() {
        fx = new DigestFixture(tmp);
        Workstream ws = fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        AlertThrottle throttle = throttle();

        for (String alert : List.of("FAILED: a", "FAILED: b", "FAILED: c", "FAILED: d")) {
            throttle.tell(ws, alert);
        }
        throttle.tell(ws, "DONE:\nPASS merged");
        fx.clock.advance(Duration.ofMinutes(61));
        throttle.tell(ws, "FAILED: e");

        assertThat(thread).extracting(s -> s.substring(s.indexOf(": ") + 2))
                .containsExactly("FAILED: a", "FAILED: b", "FAILED: c", "DONE:\nPASS merged", "FAILED: e");
    }

    @Test
    void should_not_repeat_an_alert_after_a_restart_but_again_after_the_repeat_window() {
        fx = new DigestFixture(tmp);
        Workstream ws = fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        throttle().tell(ws, "done refused, sent back:\nFAIL verify: exit 1");

        throttle().tell(ws, "done refused, sent back:\nFAIL verify: exit 2");
        fx.clock.advance(Duration.ofHours(7));
        throttle().tell(ws, "done refused, sent back:\nFAIL verify: exit 1");

        assertThat(thread).hasSize(2);
    }
}
