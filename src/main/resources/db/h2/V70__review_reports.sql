-- issue 7: one row per review run. (input_hash, persona_key) is the cache key: the same content reviewed by the
-- same personas in the same mode is answered from here unless --fresh.
CREATE TABLE review_reports (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    target       VARCHAR(1000) NOT NULL,
    input_hash   VARCHAR(64) NOT NULL,
    persona_key  VARCHAR(64) NOT NULL,
    verdict      VARCHAR(40) NOT NULL,
    complete     BOOLEAN NOT NULL,
    report_json  CLOB NOT NULL
);

CREATE INDEX idx_review_reports_cache ON review_reports (input_hash, persona_key, complete);
