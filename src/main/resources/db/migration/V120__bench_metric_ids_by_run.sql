-- issue 6, import throughput: a metric's id is its run's id * 1,000,000 + its slot within the run (MetricIds), so
-- the primary key also keeps a run's metrics apart and the UNIQUE (run_id, metric) index, one more entry for every
-- imported row, goes. Stored metrics are renumbered in their original order; answers given before this cite the
-- old ids, so the mapping stays for audit.
CREATE TABLE bench_metric_renumbered (
    old_id BIGINT PRIMARY KEY,
    new_id BIGINT NOT NULL
);
INSERT INTO bench_metric_renumbered (old_id, new_id)
    SELECT id, run_id * 1000000 + ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY id) - 1 FROM bench_metrics;
ALTER TABLE bench_metrics ALTER COLUMN id DROP IDENTITY;
-- through negative ids: a new id may equal another row's old one
UPDATE bench_metrics SET id = -id;
UPDATE bench_metrics m SET id = (SELECT n.new_id FROM bench_metric_renumbered n WHERE n.old_id = -m.id);
ALTER TABLE bench_metrics DROP CONSTRAINT uq_bench_metric;
