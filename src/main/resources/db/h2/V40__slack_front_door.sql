-- Slack event ids already taken in: a redelivered event (X-Slack-Retry-Num) finds its id here and is dropped,
-- also after a restart.
CREATE TABLE slack_events (
    event_id     VARCHAR(200) PRIMARY KEY,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Threads czar has answered in: follow-ups there are answered without a mention.
CREATE TABLE slack_threads (
    channel    VARCHAR(200) NOT NULL,
    thread_ts  VARCHAR(64) NOT NULL,
    joined_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_slack_threads PRIMARY KEY (channel, thread_ts)
);

-- Destructive commands waiting for their requester (or an admin) to press Confirm or Cancel.
CREATE TABLE slack_confirmations (
    id          VARCHAR(64) PRIMARY KEY,
    user_id     VARCHAR(200) NOT NULL,
    channel     VARCHAR(200) NOT NULL,
    thread_ts   VARCHAR(64),
    text        CLOB NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    state       VARCHAR(16) NOT NULL,
    decided_by  VARCHAR(200)
);

-- Replies Slack would not take after every retry, kept so they can be re-posted.
CREATE TABLE slack_outbox (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    channel     VARCHAR(200) NOT NULL,
    thread_ts   VARCHAR(64),
    text        CLOB NOT NULL,
    blocks_json CLOB,
    error       CLOB NOT NULL,
    failed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    posted_at   TIMESTAMP WITH TIME ZONE
);
