package dev.czar.workers.agents;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token totals each Codex thread has reported so far. {@code codex exec --json} reports the thread's running
 * total in {@code turn.completed} (a resumed thread starts from what it had), while czar's {@link WorkerEvent.Usage}
 * is what one run added; the difference needs the previous total. Kept in memory for the most recent threads;
 * a thread it does not know (czar was restarted, or it fell out) is seeded from Codex's own rollout file before
 * the thread is resumed ({@link CodexRollouts}), so its history is not counted again.
 */
final class CodexUsageLedger {
    private static final int MAX_THREADS = 4096;

    record Totals(long input, long output) {
    }

    private final Map<String, Totals> byThread = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Totals> eldest) {
            return size() > MAX_THREADS;
        }
    };

    /** Remembers {@code total} as the thread's running total unless the thread is known already. */
    synchronized void seed(String threadId, java.util.function.Supplier<java.util.Optional<Totals>> total) {
        if (!byThread.containsKey(threadId)) {
            total.get().ifPresent(t -> byThread.put(threadId, t));
        }
    }

    /** Records the thread's new running total and returns what was added since the last one. */
    synchronized Totals add(String threadId, Totals total) {
        Totals before = byThread.getOrDefault(threadId, new Totals(0, 0));
        byThread.put(threadId, total);
        return new Totals(Math.max(0, total.input() - before.input()), Math.max(0, total.output() - before.output()));
    }
}
