package dev.czar.testsupport;

import java.time.Duration;
import java.time.Instant;

/**
 * The system clock moved by an offset the test sets: a second czar process whose time runs ahead of (or behind)
 * the first, so a lease is stale, or fresh, to one of them however slowly the machine runs the test.
 */
public final class SkewedClock extends UtcClock {
    private volatile Duration offset;

    public SkewedClock(Duration offset) {
        this.offset = offset;
    }

    public void skew(Duration offset) {
        this.offset = offset;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
