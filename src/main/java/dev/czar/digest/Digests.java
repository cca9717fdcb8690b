package dev.czar.digest;

import dev.czar.store.AuditVerification;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The digest feature's one entry point for commands, the CLI and the scheduler: compose the digest for a target
 * (a channel, or {@code terminal}) and remember where that target stopped, so the next one says what changed since.
 */
public final class Digests {
    private final DigestComposer composer;
    private final DigestMarks marks;
    private final Supplier<Optional<AuditVerification>> audit;

    /** Digests without the audit-log check (no audit log to verify). */
    public Digests(DigestComposer composer, DigestMarks marks) {
        this(composer, marks, Optional::empty);
    }

    /** @param audit walks the audit chain; a broken one puts a warning at the top of every digest */
    public Digests(DigestComposer composer, DigestMarks marks, Supplier<Optional<AuditVerification>> audit) {
        this.composer = composer;
        this.marks = marks;
        this.audit = audit;
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
        return audit.get().filter(v -> !v.intact())
                .map(v -> composed.digest().warnedThat("WARNING: " + v.line() + " (run czar audit verify)"))
                .orElse(composed.digest());
    }

    public DigestMarks marks() {
        return marks;
    }

    public DigestComposer composer() {
        return composer;
    }
}
