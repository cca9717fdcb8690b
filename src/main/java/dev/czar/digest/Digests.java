package dev.czar.digest;

import java.time.Instant;

/**
 * The digest feature's one entry point for commands, the CLI and the scheduler: compose the digest for a target
 * (a channel, or {@code terminal}) and remember where that target stopped, so the next one says what changed since.
 */
public final class Digests {
    private final DigestComposer composer;
    private final DigestMarks marks;

    public Digests(DigestComposer composer, DigestMarks marks) {
        this.composer = composer;
        this.marks = marks;
    }

    /** Composes the digest for {@code target} and moves its mark to now. */
    public Digest next(String target) {
        return next(target, null);
    }

    /** As {@link #next(String)}, also recording {@code slot} as the last scheduled time served. */
    public synchronized Digest next(String target, Instant slot) {
        var mark = marks.find(target);
        DigestComposer.Composed composed = composer.compose(mark);
        Instant lastSlot = slot != null ? slot : mark.map(DigestMarks.Mark::lastSlot).orElse(null);
        marks.save(target, new DigestMarks.Mark(composed.digest().at(), composed.lastEventId(), lastSlot, composed.seen()));
        return composed.digest();
    }

    public DigestMarks marks() {
        return marks;
    }

    public DigestComposer composer() {
        return composer;
    }
}
