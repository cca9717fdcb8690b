-- issue 8: where each digest target (a channel, or the terminal) stopped, so the next digest says what changed since.
CREATE TABLE digest_marks (
    target          VARCHAR(300) PRIMARY KEY,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    last_event_id   BIGINT NOT NULL,
    last_slot       TIMESTAMP WITH TIME ZONE,
    -- lines of standing findings (failing CI, predicted conflicts, benchmark changes) the last digest showed:
    -- they are listed again, but only new ones make a digest more than "nothing new"
    seen            CLOB
);

-- issue 8: alerts already posted to a workstream's thread, so a flapping worker does not flood it.
CREATE TABLE alert_posts (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    workstream   VARCHAR(100) NOT NULL,
    fingerprint  VARCHAR(500) NOT NULL,
    posted_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_alert_posts ON alert_posts (workstream, posted_at);
