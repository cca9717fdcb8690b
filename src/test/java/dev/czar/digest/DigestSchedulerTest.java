package dev.czar.digest;

import dev.czar.UserError;
import dev.czar.config.DigestConfig;
import dev.czar.testsupport.RecordingGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestSchedulerTest {
    @TempDir
    Path tmp;
    DigestFixture fx;
    final RecordingGateway poster = new RecordingGateway();

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    /** Each post as "channel: text". */
    private List<String> posted() {
        return poster.posts().stream().map(p -> p.channel() + ": " + p.text()).toList();
    }

    /** Each upload as "channel/thread filename". */
    private List<String> uploaded() {
        return poster.uploads().stream().map(u -> u.channel() + "/" + u.threadTs() + " " + u.filename()).toList();
    }

    private static DigestSchedule schedule(String cron, String zone, String channel) {
        return DigestSchedule.parse(new DigestConfig.Schedule(cron, zone, channel, false), 0);
    }

    @Test
    void should_keep_nine_oclock_local_across_the_spring_daylight_saving_change() {
        DigestSchedule weekdays = schedule("0 9 * * MON-FRI", "Europe/Berlin", "#eng-agents");

        // Friday 27 March 2026 09:00 CET is 08:00Z; Monday 30 March 09:00 CEST is 07:00Z (clocks went forward on the 29th)
        assertThat(weekdays.nextAfter(Instant.parse("2026-03-27T08:00:00Z"))).contains(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(weekdays.latestAtOrBefore(Instant.parse("2026-03-30T06:59:00Z"))).contains(Instant.parse("2026-03-27T08:00:00Z"));
    }

    @Test
    void should_keep_nine_oclock_local_across_the_autumn_daylight_saving_change() {
        DigestSchedule weekdays = schedule("0 9 * * MON-FRI", "Europe/Berlin", "#eng-agents");

        // Friday 23 October 2026 09:00 CEST is 07:00Z; Monday 26 October 09:00 CET is 08:00Z
        assertThat(weekdays.nextAfter(Instant.parse("2026-10-23T07:00:00Z"))).contains(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void should_post_missed_slots_once_on_start_up_not_once_per_slot() {
        // given: an hourly schedule that served 10:00, then czar was down until 15:20
        fx = new DigestFixture(tmp);
        Digests digests = fx.digests();
        List<DigestSchedule> hourly = List.of(schedule("0 * * * *", "UTC", "#czar-ops"));
        fx.clock.set(Instant.parse("2026-11-02T10:00:30Z"));
        new DigestScheduler(hourly, digests, fx.bench, poster, fx.clock).tick(); // first sight: remembers 10:00, posts nothing
        fx.clock.set(Instant.parse("2026-11-02T15:20:00Z"));

        // when: a fresh scheduler (czar restarted) checks twice
        DigestScheduler restarted = new DigestScheduler(hourly, digests, fx.bench, poster, fx.clock);
        int first = restarted.tick();
        int second = restarted.tick();

        // then
        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(posted()).hasSize(1).allMatch(p -> p.startsWith("#czar-ops: "));
    }

    @Test
    void should_post_at_each_new_slot_and_not_before() {
        fx = new DigestFixture(tmp);
        DigestScheduler scheduler = new DigestScheduler(List.of(schedule("30 9 * * *", "Europe/Berlin", "#eng")),
                fx.digests(), fx.bench, poster, fx.clock);
        fx.clock.set(Instant.parse("2026-11-02T08:00:00Z"));
        scheduler.tick();

        fx.clock.set(Instant.parse("2026-11-02T08:29:59Z"));
        assertThat(scheduler.tick()).isZero();
        fx.clock.set(Instant.parse("2026-11-02T08:30:00Z")); // 09:30 CET
        assertThat(scheduler.tick()).isEqualTo(1);
        fx.clock.set(Instant.parse("2026-11-03T08:30:05Z"));
        assertThat(scheduler.tick()).isEqualTo(1);
        assertThat(posted()).hasSize(2);
    }

    @Test
    void should_upload_the_worst_regressions_chart_into_the_digest_thread() {
        fx = new DigestFixture(tmp);
        fx.bench.changes.put("main", List.of(new BenchSource.BenchChange("parse", "parse time", 1.30, true, "slower", List.of(7L))));
        fx.bench.png = new byte[]{(byte) 0x89, 'P', 'N', 'G'};
        DigestScheduler scheduler = new DigestScheduler(List.of(schedule("0 * * * *", "UTC", "#eng")), fx.digests(),
                fx.bench, poster, fx.clock);
        fx.clock.set(Instant.parse("2026-11-02T10:10:00Z"));
        scheduler.tick();
        fx.clock.set(Instant.parse("2026-11-02T11:00:00Z"));

        scheduler.tick();

        assertThat(posted()).hasSize(1);
        assertThat(uploaded()).containsExactly("#eng/1700000000.000101 parse-trend.png");
    }

    @Test
    void should_name_the_key_when_a_cron_expression_is_wrong() {
        assertThatThrownBy(() -> schedule("every morning", "UTC", "#eng")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("digest.schedules[0].cron must be five fields");
        assertThatThrownBy(() -> schedule("0 9 * * *", "Mars/Olympus", "#eng")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("digest.schedules[0].time-zone");
    }

    @Test
    void should_skip_an_only_news_schedule_when_nothing_is_new_and_post_when_something_is() {
        fx = new DigestFixture(tmp);
        DigestSchedule ops = DigestSchedule.parse(new DigestConfig.Schedule("0 * * * *", "UTC", "#czar-ops", true), 0);
        DigestScheduler scheduler = new DigestScheduler(List.of(ops), fx.digests(), fx.bench, poster, fx.clock);
        fx.clock.set(Instant.parse("2026-11-02T10:10:00Z"));
        scheduler.tick();
        fx.clock.set(Instant.parse("2026-11-02T11:00:00Z"));
        int first = scheduler.tick(); // the first digest of #czar-ops covers the last day: the repository's first commit
        fx.clock.set(Instant.parse("2026-11-02T12:00:00Z"));
        int quiet = scheduler.tick();
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.clock.set(Instant.parse("2026-11-02T13:00:00Z"));
        int news = scheduler.tick();

        assertThat(List.of(first, quiet, news)).containsExactly(1, 0, 1);
        assertThat(posted().get(1)).contains("fix-login: new -> QUEUED");
    }
}
