package dev.czar.slack;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How each Slack delivery ended, counted as it happens. A delivery czar ignores leaves no other trace, so this is
 * the signal that it was seen and dropped; tests wait on it instead of sleeping and hoping nothing follows.
 */
final class DeliveryTally {
    /** How one delivery ended. */
    enum Ending {
        /** answered (or apologised for) and its replies posted */
        ANSWERED,
        /** not for czar: a bot's own message, another channel, a thread czar is not in */
        IGNORED,
        /** an event id seen before, or a replayed slash command */
        REPEATED,
        /** the answer queue was full; the user was told to ask again */
        BUSY,
        /** a Confirm or Cancel press decided (or found already decided) */
        DECIDED
    }

    private final Map<Ending, Long> counts = new EnumMap<>(Ending.class);

    synchronized void record(Ending ending) {
        counts.merge(ending, 1L, Long::sum);
        notifyAll();
    }

    synchronized long count(Ending ending) {
        return counts.getOrDefault(ending, 0L);
    }

    /**
     * Waits until {@code ending} was counted at least {@code atLeast} times.
     *
     * @return whether it was, within {@code patience}
     */
    synchronized boolean await(Ending ending, long atLeast, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (count(ending) < atLeast) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
