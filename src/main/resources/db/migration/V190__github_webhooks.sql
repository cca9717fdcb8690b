-- issue 19: what GitHub tells czar about each pull request (webhooks, or the publisher and merge): who opened it,
-- its review state, when it opened and merged, the merge commit. Answers ("what landed this week?") read these.
ALTER TABLE workstream_pull_requests ADD COLUMN author VARCHAR(200);
ALTER TABLE workstream_pull_requests ADD COLUMN review_state VARCHAR(32);
ALTER TABLE workstream_pull_requests ADD COLUMN opened_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE workstream_pull_requests ADD COLUMN merged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE workstream_pull_requests ADD COLUMN merge_sha VARCHAR(64);

-- Check runs, check suites and commit statuses GitHub reported for a head SHA, latest report per name.
CREATE TABLE pull_request_checks (
    repo         VARCHAR(200) NOT NULL,
    head_sha     VARCHAR(64)  NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    name         VARCHAR(300) NOT NULL,
    external_id  VARCHAR(64),
    status       VARCHAR(32)  NOT NULL,
    conclusion   VARCHAR(32),
    url          VARCHAR(500),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_pull_request_checks PRIMARY KEY (repo, head_sha, kind, name)
);

-- Deliveries already taken in from a sender that retries (GitHub's X-GitHub-Delivery, Slack's replayable
-- requests): a second delivery with the same id finds its row and changes nothing, also after a restart.
CREATE TABLE delivery_ledger (
    source       VARCHAR(32)  NOT NULL,
    delivery_id  VARCHAR(200) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_delivery_ledger PRIMARY KEY (source, delivery_id)
);
