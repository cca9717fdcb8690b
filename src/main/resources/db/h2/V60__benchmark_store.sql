-- One benchmark run: a (source, benchmark, variant, iteration, commit, timestamp) tuple. run_hash is the SHA-256
-- of those six fields, so importing the same file twice finds the same runs instead of adding new ones.
CREATE TABLE bench_runs (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_hash     VARCHAR(64) NOT NULL,
    source       VARCHAR(500) NOT NULL,
    benchmark    VARCHAR(200) NOT NULL,
    variant      VARCHAR(200),
    iteration    INT,
    commit_sha   VARCHAR(64),
    branch       VARCHAR(200),
    ran_at       TIMESTAMP WITH TIME ZONE,
    imported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_bench_run UNIQUE (run_hash)
);
CREATE INDEX ix_bench_runs_benchmark ON bench_runs (benchmark, ran_at);
CREATE INDEX ix_bench_runs_branch ON bench_runs (branch, ran_at);

-- One measured value of a run. metric_value/unit are canonical (seconds, joules, bytes, ...); raw_value/raw_unit are
-- the cells as written, conversion says how one became the other, raw_fields keeps every other column verbatim.
CREATE TABLE bench_metrics (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    -- no FOREIGN KEY: the importer writes each run before its metrics in the same transaction; a constraint
    -- would add an index lookup to every imported row. run_id (not run_hash) keys the metric, so the UNIQUE index
    -- below grows in id order instead of at random hash positions, which keeps bulk imports fast.
    run_id      BIGINT NOT NULL,
    metric      VARCHAR(200) NOT NULL,
    metric_value DOUBLE PRECISION NOT NULL,
    unit        VARCHAR(32),
    raw_value   VARCHAR(200) NOT NULL,
    raw_unit    VARCHAR(64),
    conversion  VARCHAR(100),
    raw_fields  VARCHAR(100000),
    notes       VARCHAR(1000),
    source_line INT NOT NULL,
    CONSTRAINT uq_bench_metric UNIQUE (run_id, metric)
);
