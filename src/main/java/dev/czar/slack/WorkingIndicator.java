package dev.czar.slack;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts a "working on it" reaction on the question when an answer takes longer than a threshold, and takes it off
 * when the answer is posted. Fast answers cost no extra Slack call.
 */
final class WorkingIndicator {
    static final String EMOJI = "hourglass_flowing_sand";

    private final SlackPoster poster;
    private final ScheduledExecutorService timers;
    private final long afterMs;

    WorkingIndicator(SlackPoster poster, ScheduledExecutorService timers, long afterMs) {
        this.poster = poster;
        this.timers = timers;
        this.afterMs = afterMs;
    }

    /** Starts the clock for one question; close the result when the answer is out. */
    Handle start(String channel, String questionTs) {
        return new Handle(channel, questionTs);
    }

    /** The indication for one question. */
    final class Handle implements AutoCloseable {
        private final String channel;
        private final String ts;
        private final ScheduledFuture<?> timer;
        private boolean done;
        private boolean reacted;

        private Handle(String channel, String ts) {
            this.channel = channel;
            this.ts = ts;
            this.timer = ts == null ? null : timers.schedule(this::react, afterMs, TimeUnit.MILLISECONDS);
        }

        private synchronized void react() {
            if (!done) {
                reacted = poster.react(channel, ts, EMOJI);
            }
        }

        @Override
        public synchronized void close() {
            done = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (reacted) {
                poster.unreact(channel, ts, EMOJI);
            }
        }
    }
}
