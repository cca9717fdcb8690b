package dev.czar.evidence.git;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few answers read from history, keyed by the repository state they were read from (the heads involved,
 * the diff settings): a repeated question over an unchanged repository — a dashboard refresh, a digest, the
 * same chat question twice in {@code czar serve} — is not read again, and any moved head makes a new key. Values are
 * immutable. Computing happens outside the lock, so a slow diff does not hold up other answers.
 */
final class StateCache {
    private static final int ENTRIES = 32;

    private final Map<Object, Object> entries = new LinkedHashMap<>(ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
            return size() > ENTRIES;
        }
    };

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        synchronized (entries) {
            Object hit = entries.get(key);
            if (hit != null) {
                return (T) hit;
            }
        }
        T value = compute.get();
        synchronized (entries) {
            entries.put(key, value);
        }
        return value;
    }
}
