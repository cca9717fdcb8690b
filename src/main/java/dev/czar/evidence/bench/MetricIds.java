package dev.czar.evidence.bench;

/**
 * A metric row's id says which run it belongs to: {@code run id * 1,000,000 + slot}, the slot numbering the run's
 * metrics from 0 in the order they were stored. The primary key is therefore also the UNIQUE key of (run, slot), and
 * a run's metrics are one key range of it: no second index on (run, metric) for every imported row to pay for.
 * Two imports adding metrics to the same stored run at once both start at the slot after its last metric, so the
 * second one to store fails on the primary key instead of storing a metric twice.
 */
final class MetricIds {
    static final int SLOTS_PER_RUN = 1_000_000;
    /** Join condition: the metrics {@code m} of the run {@code r}, as a primary-key range of {@code m}. */
    static final String METRICS_OF_RUN = "m.id BETWEEN r.id * " + SLOTS_PER_RUN + " AND r.id * " + SLOTS_PER_RUN
            + " + " + (SLOTS_PER_RUN - 1);

    private MetricIds() {
    }

    static long of(long runId, int slot) {
        if (slot < 0 || slot >= SLOTS_PER_RUN) {
            throw new IllegalArgumentException("slot " + slot + " outside 0.." + (SLOTS_PER_RUN - 1));
        }
        return Math.multiplyExact(runId, SLOTS_PER_RUN) + slot;
    }

    static long runOf(long metricId) {
        return metricId / SLOTS_PER_RUN;
    }

    static int slotOf(long metricId) {
        return (int) (metricId % SLOTS_PER_RUN);
    }
}
