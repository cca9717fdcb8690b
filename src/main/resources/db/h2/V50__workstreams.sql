-- One row per workstream: a task given to one worker on its own branch. The row is the single source of truth
-- shared by every czar process using this home; state changes are compare-and-set on (name, state).
CREATE TABLE workstreams (
    name            VARCHAR(100) PRIMARY KEY,
    task            CLOB NOT NULL,
    priority        INT NOT NULL DEFAULT 0,
    depends_on      VARCHAR(100),
    branch          VARCHAR(200) NOT NULL,
    base_sha        VARCHAR(64),
    state           VARCHAR(16) NOT NULL,
    attempts        INT NOT NULL DEFAULT 0,
    fix_rounds      INT NOT NULL DEFAULT 0,
    lost_requeues   INT NOT NULL DEFAULT 0,
    launched_by     VARCHAR(200) NOT NULL,
    channel         VARCHAR(200),
    thread          VARCHAR(200),
    owner           VARCHAR(100),
    pid             BIGINT,
    pid_started_at  TIMESTAMP WITH TIME ZONE,
    exit_code       INT,
    reason          CLOB,
    next_input      CLOB,
    not_before      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_workstreams_state ON workstreams (state, priority);

-- Every state change: who or what moved it, and why. Status answers show this history.
CREATE TABLE workstream_events (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    workstream  VARCHAR(100) NOT NULL REFERENCES workstreams (name),
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    from_state  VARCHAR(16),
    to_state    VARCHAR(16),
    actor       VARCHAR(200) NOT NULL,
    reason      CLOB NOT NULL
);
CREATE INDEX ix_workstream_events ON workstream_events (workstream, id);

-- Definition of Done gate reports: one row per checked item per gate run.
CREATE TABLE gate_items (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    workstream  VARCHAR(100) NOT NULL REFERENCES workstreams (name),
    run_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    head_sha    VARCHAR(64),
    item        VARCHAR(32) NOT NULL,
    status      VARCHAR(8) NOT NULL,
    evidence    CLOB NOT NULL
);
CREATE INDEX ix_gate_items ON gate_items (workstream, id);

-- Operator replies waiting to be written to a worker's stdin by whichever process supervises it.
CREATE TABLE worker_inputs (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    workstream   VARCHAR(100) NOT NULL REFERENCES workstreams (name),
    text         CLOB NOT NULL,
    from_user    VARCHAR(200) NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at TIMESTAMP WITH TIME ZONE
);

-- Predicted conflicts and possible duplicates, current as of the last check (replaced on each check).
CREATE TABLE worker_alerts (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind        VARCHAR(16) NOT NULL,
    a           VARCHAR(200) NOT NULL,
    b           VARCHAR(200) NOT NULL,
    detail      CLOB NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- At most one supervisor per home: the holder renews its heartbeat; a stale lease may be taken over.
CREATE TABLE supervisor_lease (
    id            INT PRIMARY KEY,
    holder        VARCHAR(100) NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
