package dev.czar.evidence.bench;

import java.time.Instant;
import java.util.UUID;

/**
 * The store's UNIQUE key of a run, 128 bits laid out like a UUIDv7: the run's timestamp in milliseconds since the
 * epoch (48 bits, 0 when the record has none), then the first 80 bits of its SHA-256 run hash. Benchmark files are
 * written in time order, so the keys of one import are close to each other and to the newest keys stored: the
 * UNIQUE index grows at its end, like the id indexes, instead of rewriting pages all over the tree (a key of hash
 * bits only made that index cost more than the rest of the import together). The full hash is compared with every
 * run found by key, so two runs sharing a key are reported, never merged.
 */
public final class RunKey {
    private static final long MILLIS_MASK = (1L << 48) - 1;

    private RunKey() {
    }

    public static UUID of(String runHash, Instant ranAt) {
        long millis = ranAt == null ? 0 : ranAt.toEpochMilli() & MILLIS_MASK;
        long first16 = Long.parseLong(runHash, 0, 4, 16);
        long next64 = Long.parseUnsignedLong(runHash, 4, 20, 16);
        return new UUID(millis << 16 | first16, next64);
    }
}
