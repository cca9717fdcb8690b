-- The last answer GitHub gave for a ref (branch or commit), so that when GitHub is unreachable czar can still say
-- what CI showed last and how old that is. One row per (repo, ref), replaced on every successful fetch.
CREATE TABLE ci_snapshots (
    repo        VARCHAR(200) NOT NULL,
    ref         VARCHAR(200) NOT NULL,
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    runs_json   CLOB NOT NULL,
    CONSTRAINT pk_ci_snapshots PRIMARY KEY (repo, ref)
);

-- Imported JUnit XML reports (Surefire/Failsafe, pytest --junitxml, Gradle): one row per report file and commit.
-- content_hash (SHA-256 of commit + file bytes) makes re-importing the same report a no-op.
CREATE TABLE test_reports (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    commit_sha    VARCHAR(64) NOT NULL,
    source        VARCHAR(500) NOT NULL,
    content_hash  VARCHAR(64) NOT NULL,
    tests         INT NOT NULL,
    failures      INT NOT NULL,
    errors        INT NOT NULL,
    skipped       INT NOT NULL,
    duration_s    DOUBLE PRECISION NOT NULL,
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_test_report UNIQUE (content_hash)
);
CREATE INDEX ix_test_reports_commit ON test_reports (commit_sha);

-- Failed and errored test cases of a report, with the message the framework gave.
CREATE TABLE test_failures (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    report_id   BIGINT NOT NULL REFERENCES test_reports (id),
    suite       VARCHAR(500),
    classname   VARCHAR(500),
    name        VARCHAR(500) NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    message     VARCHAR(2000)
);
