package dev.czar.evidence.bench;

import dev.czar.store.SqlVendor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Stores batches of measurements inside the caller's transaction, counting what was new and what was not. */
abstract sealed class MeasurementWriter implements AutoCloseable {
    protected long inserted;
    protected long duplicates;

    /**
     * Stores (or checks) a batch.
     *
     * @return the measurements refused, with why: their run key ({@link RunKey}) belongs to a stored run with a
     *     different full hash, or their run has no metric slot left ({@link MetricIds})
     */
    abstract List<Refusal> write(List<Measurement> batch) throws SQLException;

    /** A measurement this writer would not store, and the reason shown to the user. */
    record Refusal(Measurement measurement, String reason) {
        static Refusal collision(Measurement m) {
            return new Refusal(m, "its run hash " + m.runHash()
                    + " shares its run key (timestamp and first 80 bits of the hash) with a different stored run");
        }
    }

    /** Called once after the last batch, before the caller commits. */
    void finish() throws SQLException {
    }

    long inserted() {
        return inserted;
    }

    long duplicates() {
        return duplicates;
    }

    @Override
    public abstract void close() throws SQLException;

    /** A run this import found in the store or is about to create: its id, full hash, metrics and next free slot. */
    static final class Run {
        final long id;
        final String hash;
        /** Metric names stored or staged for this run. */
        final Set<String> metrics = new HashSet<>(8);
        int nextSlot;

        Run(long id, String hash) {
            this.id = id;
            this.hash = hash;
        }
    }

    /**
     * Writes in the caller's transaction. Runs are looked up by key once per batch, with the metrics they hold: a
     * metric row can only exist if its run does, so metrics of runs new to the store are deduplicated against this
     * import's own in memory, and those of stored runs against what the look-up found. New runs get their ids from
     * the {@code bench_run_ids} sequence at once and metrics theirs from their run ({@link MetricIds}), so rows are
     * staged in memory ids included and load without a join, chunk by chunk on the {@link ChunkLoader}'s thread while
     * this one reads on. Look-ups and ids use a second connection, so they never wait for a load: this import's own
     * runs are known from memory. The UNIQUE run key and the metric ids stay the backstop against a concurrent import
     * of the same runs.
     */
    static final class Transactional extends MeasurementWriter {
        /**
         * Staged rows per chunk: big enough that statement overhead vanishes, small enough that the last chunk, whose
         * load nothing overlaps, is short. A chunk is handed over once it holds this many rows after a batch, so it
         * holds at most this plus a batch's runs and metrics, within {@link StagedChunk#MAX_ROWS} of each kind.
         */
        static final int CHUNK = 50_000;
        private static final int LOOKUP = 500;

        private final Connection lookups;
        private final PreparedStatement findRuns;
        private final PreparedStatement findMetrics;
        private final PreparedStatement reserveIds;
        /** Runs this import touches (created by it or stored before it), by key. */
        private final Map<UUID, Run> runs = new HashMap<>();
        private final ChunkLoader loader;
        private final int chunkRows;
        private StagedChunk staged = new StagedChunk();

        /**
         * @param transaction the connection whose transaction receives the rows
         * @param lookups     a second connection, for reads of committed runs and drawing run ids
         */
        Transactional(Connection transaction, Connection lookups, Instant importedAt, int chunkRows, SqlVendor vendor)
                throws SQLException {
            if (chunkRows + 2 * BenchmarkImporter.BATCH > StagedChunk.MAX_ROWS) {
                throw new IllegalArgumentException("chunks of " + chunkRows + " rows would exceed " + StagedChunk.MAX_ROWS);
            }
            this.chunkRows = chunkRows;
            this.findRuns = lookups.prepareStatement("SELECT run_key, id, run_hash FROM bench_runs WHERE run_key IN ("
                    + String.join(", ", Collections.nCopies(LOOKUP, "?")) + ")");
            this.lookups = lookups;
            this.findMetrics = lookups.prepareStatement("SELECT m.id, m.metric FROM UNNEST(CAST(? AS BIGINT ARRAY)) r(ID)"
                    + " JOIN bench_metrics m ON " + MetricIds.METRICS_OF_RUN);
            this.reserveIds = lookups.prepareStatement(vendor.nextValues("bench_run_ids"));
            this.loader = new ChunkLoader(ChunkTables.of(vendor, transaction, Timestamp.from(importedAt)));
        }

        @Override
        List<Refusal> write(List<Measurement> batch) throws SQLException {
            Map<UUID, Measurement> unseen = new LinkedHashMap<>();
            UUID[] keys = new UUID[batch.size()];
            for (int i = 0; i < keys.length; i++) {
                Measurement m = batch.get(i);
                UUID key = keys[i] = m.runKey();
                if (!runs.containsKey(key)) {
                    unseen.putIfAbsent(key, m);
                }
            }
            Map<UUID, Run> stored = stored(new ArrayList<>(unseen.keySet()));
            runs.putAll(stored);
            unseen.keySet().removeAll(stored.keySet());
            createRuns(unseen);
            List<Refusal> refused = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                Measurement m = batch.get(i);
                Run run = runs.get(keys[i]);
                if (!run.hash.equals(m.runHash())) {
                    refused.add(Refusal.collision(m));
                } else if (run.metrics.contains(m.metric())) {
                    duplicates++;
                } else if (run.nextSlot == MetricIds.SLOTS_PER_RUN) {
                    refused.add(new Refusal(m, "its run already has " + MetricIds.SLOTS_PER_RUN + " metrics, the most a run can hold"));
                } else {
                    run.metrics.add(m.metric());
                    staged.metrics.add(new StagedChunk.Row(MetricIds.of(run.id, run.nextSlot++), run.id, m));
                }
            }
            if (staged.rows() >= chunkRows) {
                handOver();
            }
            return refused;
        }

        /** Draws ids for the runs new to the store and stages them. */
        private void createRuns(Map<UUID, Measurement> fresh) throws SQLException {
            if (fresh.isEmpty()) {
                return;
            }
            reserveIds.setInt(1, fresh.size());
            try (ResultSet ids = reserveIds.executeQuery()) {
                for (Map.Entry<UUID, Measurement> e : fresh.entrySet()) {
                    ids.next();
                    Run run = new Run(ids.getLong(1), e.getValue().runHash());
                    runs.put(e.getKey(), run);
                    staged.runs.add(new StagedChunk.Row(run.id, run.id, e.getValue()));
                }
            }
        }

        @Override
        void finish() throws SQLException {
            handOver();
            loader.await();
            inserted = loader.inserted();
        }

        /** The stored runs among {@code keys}, with the metrics they hold. */
        private Map<UUID, Run> stored(List<UUID> keys) throws SQLException {
            Map<UUID, Run> found = new HashMap<>();
            for (int from = 0; from < keys.size(); from += LOOKUP) {
                List<UUID> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP));
                for (int i = 0; i < LOOKUP; i++) {
                    // pad with the first key: repeats do not change the answer
                    findRuns.setObject(i + 1, chunk.get(i < chunk.size() ? i : 0));
                }
                try (ResultSet rs = findRuns.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getObject(1, UUID.class), new Run(rs.getLong(2), rs.getString(3)));
                    }
                }
            }
            if (!found.isEmpty()) {
                addStoredMetrics(found.values());
            }
            return found;
        }

        private void addStoredMetrics(Collection<Run> stored) throws SQLException {
            Map<Long, Run> byId = new HashMap<>();
            stored.forEach(r -> byId.put(r.id, r));
            findMetrics.setArray(1, lookups.createArrayOf("BIGINT", byId.keySet().toArray(new Long[0])));
            try (ResultSet rs = findMetrics.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Run run = byId.get(MetricIds.runOf(id));
                    run.metrics.add(rs.getString(2));
                    run.nextSlot = Math.max(run.nextSlot, MetricIds.slotOf(id) + 1);
                }
            }
        }

        private void handOver() throws SQLException {
            loader.submit(staged);
            staged = new StagedChunk();
        }

        @Override
        public void close() throws SQLException {
            loader.close();
            findRuns.close();
            findMetrics.close();
            reserveIds.close();
        }
    }

    /** Only reads: looks each record up in the store and remembers what this import would already have added. */
    static final class DryRun extends MeasurementWriter {
        private final Connection connection;
        private final PreparedStatement lookup;
        private final Set<String> wouldInsert = new HashSet<>();

        DryRun(Connection c) throws SQLException {
            this.connection = c;
            c.setReadOnly(true);
            this.lookup = c.prepareStatement("SELECT r.run_hash, m.id FROM bench_runs r LEFT JOIN bench_metrics m"
                    + " ON " + MetricIds.METRICS_OF_RUN + " AND m.metric = ? WHERE r.run_key = ?");
        }

        @Override
        List<Refusal> write(List<Measurement> batch) throws SQLException {
            List<Refusal> collided = new ArrayList<>();
            for (Measurement m : batch) {
                lookup.setString(1, m.metric());
                lookup.setObject(2, m.runKey());
                try (ResultSet rs = lookup.executeQuery()) {
                    boolean runStored = rs.next();
                    if (runStored && !rs.getString(1).equals(m.runHash())) {
                        collided.add(Refusal.collision(m));
                    } else if (!wouldInsert.add(m.runHash() + '\u0000' + m.metric()) || runStored && rs.getObject(2) != null) {
                        duplicates++;
                    } else {
                        inserted++;
                    }
                }
            }
            return collided;
        }

        @Override
        public void close() throws SQLException {
            lookup.close();
            connection.setReadOnly(false);
        }
    }
}
