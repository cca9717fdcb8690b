package dev.czar.digest;

import dev.czar.chat.ChatGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts digests when their schedules come due. Each schedule remembers the last slot it served, so slots missed
 * while czar was down are caught up with ONE digest on the next check, not one per missed slot. A schedule seen for
 * the first time starts from now: configuring it does not post at once. Several czar replicas on one store each run a
 * scheduler; a due slot is claimed by compare-and-set before its digest is posted, so it is posted once (issue 23).
 */
public final class DigestScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

    private final List<DigestSchedule> schedules;
    private final Digests digests;
    private final BenchSource bench;
    private final ChatGateway chat;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public DigestScheduler(List<DigestSchedule> schedules, Digests digests, BenchSource bench, ChatGateway chat, Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.digests = digests;
        this.bench = bench;
        this.chat = chat;
        this.clock = clock;
    }

    /** Checks every schedule now and then every {@code everySeconds}; does nothing without schedules. */
    public void start(long everySeconds) {
        if (schedules.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "czar-digest-scheduler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::safeTick, 0, everySeconds, TimeUnit.SECONDS);
        schedules.forEach(s -> LOG.info("digest schedule {}; next at {}", s, s.nextAfter(clock.instant()).orElse(null)));
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // a failing digest must not stop the timer: the next check tries again
            LOG.error("digest check failed", e);
        }
    }

    /** Posts each due schedule's digest once (skipping empty ones where {@code only-news}); returns how many were posted. */
    public int tick() {
        Instant now = clock.instant();
        int posted = 0;
        for (DigestSchedule schedule : schedules) {
            Optional<Instant> due = schedule.latestAtOrBefore(now);
            if (due.isEmpty()) {
                continue;
            }
            var served = digests.marks().find(schedule.key());
            if (served.isEmpty()) {
                digests.marks().save(schedule.key(), new DigestMarks.Mark(now, 0, due.get(), java.util.Set.of()));
                continue;
            }
            Instant lastSlot = served.get().lastSlot();
            if (lastSlot != null && !due.get().isAfter(lastSlot)) {
                continue;
            }
            // issue 23: replicas on one store race for the slot; only the one whose compare-and-set wins posts
            if (!digests.marks().claimSlot(schedule.key(), due.get(), now)) {
                continue;
            }
            try {
                if (post(schedule)) {
                    posted++;
                }
            } catch (RuntimeException e) {
                digests.marks().releaseSlot(schedule.key(), due.get(), lastSlot); // the next check (of any replica) tries again
                throw e;
            }
        }
        return posted;
    }

    private boolean post(DigestSchedule schedule) {
        Digest digest = digests.next(schedule.channel());
        if (digest.nothingNew() && schedule.onlyNews()) {
            return false;
        }
        Optional<String> ts = chat.post(schedule.channel(), null, digest.render());
        if (ts.isPresent() && digest.chartBenchmark().isPresent()) {
            String benchmark = digest.chartBenchmark().get();
            bench.chart(benchmark).ifPresent(png ->
                    chat.upload(schedule.channel(), ts.get(), benchmark + "-trend.png", png, benchmark + " trend"));
        }
        LOG.info("digest posted to {} ({})", schedule.channel(), digest.nothingNew() ? "nothing new" : "changes");
        return true;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
