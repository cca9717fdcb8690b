package dev.czar.testsupport;

import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand, to see how answers age. */
public final class MutableClock extends UtcClock {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
