-- issue 6, import throughput: a run is found by the first 128 bits of its SHA-256 run hash (a UUID, 16 bytes)
-- instead of the 64-character hex string. The UNIQUE index on it is a quarter of the size, so bulk imports stop
-- paying for a cache that the random hex keys overflowed. The full hash stays in run_hash and the importer
-- compares it with every run it finds by key, so a 128-bit prefix collision is reported instead of merged.
ALTER TABLE bench_runs ADD COLUMN run_key UUID;
UPDATE bench_runs SET run_key = CAST(LEFT(run_hash, 32) AS UUID);
ALTER TABLE bench_runs ALTER COLUMN run_key SET NOT NULL;
ALTER TABLE bench_runs DROP CONSTRAINT uq_bench_run;
ALTER TABLE bench_runs ADD CONSTRAINT uq_bench_run_key UNIQUE (run_key);

-- Run ids come from a sequence the importer draws from before it loads anything, so the metrics of new runs are
-- loaded with their run id already in them instead of being joined to the runs by hash. Sequence values are never
-- handed out twice, also to concurrent imports; it starts after the ids already stored.
CREATE SEQUENCE bench_run_ids START WITH 1;
ALTER SEQUENCE bench_run_ids RESTART WITH (SELECT COALESCE(MAX(id), 0) + 1 FROM bench_runs);
ALTER TABLE bench_runs ALTER COLUMN id DROP IDENTITY;
ALTER TABLE bench_runs ALTER COLUMN id SET DEFAULT NEXT VALUE FOR bench_run_ids;

-- Every index on bench_runs is paid for by every imported run; branch queries (czar bench compare of two branches,
-- rows on a branch) filter the runs table by a scan instead, which is still far below a second for a million rows.
DROP INDEX ix_bench_runs_branch;
