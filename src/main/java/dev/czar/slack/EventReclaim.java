package dev.czar.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 23: keeps several {@code czar serve} replicas on one store from losing a question. This replica heartbeats in
 * the shared ledger, and on every beat answers the events a replica that stopped heartbeating for
 * {@code slack.reclaim-after-seconds} had acknowledged but not answered (Slack never redelivers those). Runs on a
 * thread of its own, so a busy answer pool or slow reactions never delay the heartbeat.
 */
final class EventReclaim implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventReclaim.class);
    /** Questions older than this are not answered late: the asker has moved on. */
    static final Duration WINDOW = Duration.ofHours(1);

    private final EventLedger ledger;
    private final SlackListeners listeners;
    private final Duration staleAfter;
    private ScheduledExecutorService timer;

    EventReclaim(EventLedger ledger, SlackListeners listeners, Duration staleAfter) {
        this.ledger = ledger;
        this.listeners = listeners;
        this.staleAfter = staleAfter;
    }

    /**
     * Beats once and reclaims what is already orphaned (a restart after a crash), then keeps doing both three times per
     * {@code staleAfter}, so a live replica misses two beats before its events are taken over.
     *
     * @return how many questions were queued at start
     */
    int start() {
        ledger.heartbeat();
        int resumed = listeners.reclaimOrphans(WINDOW, staleAfter);
        if (resumed > 0) {
            LOG.info("answering {} Slack question(s) left unanswered by a czar that stopped", resumed);
        }
        long every = Math.max(1000, staleAfter.toMillis() / 3);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "czar-slack-reclaim");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Slack replica {}: heartbeat every {} ms; questions of a replica silent for {} s are answered here",
                ledger.replica(), every, staleAfter.toSeconds());
        return resumed;
    }

    private void beat() {
        try {
            ledger.heartbeat();
            listeners.reclaimOrphans(WINDOW, staleAfter);
        } catch (RuntimeException e) {
            // a store outage must not end the timer: the next beat tries again
            LOG.error("Slack replica heartbeat or reclaim failed", e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
