-- A conversation is a channel, or a thread inside one; console sessions use channel 'console'.
CREATE TABLE conversations (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    channel     VARCHAR(200) NOT NULL,
    thread      VARCHAR(200) NOT NULL DEFAULT '',
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_conversation UNIQUE (channel, thread)
);

-- One row per incoming message. It is committed on receipt; the answer is committed with it later, so a
-- message whose answer was interrupted stays visible (answered_at IS NULL) instead of vanishing.
CREATE TABLE messages (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id),
    user_id          VARCHAR(200) NOT NULL,
    text             CLOB NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    intent           VARCHAR(16),
    answer           CLOB,
    evidence_json    CLOB,
    tool_calls_json  CLOB,
    llm_calls        INT,
    answered_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_messages_conversation ON messages (conversation_id, id);

-- Every command anyone asked for, allowed or not.
CREATE TABLE audit_log (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    user_id     VARCHAR(200) NOT NULL,
    channel     VARCHAR(200) NOT NULL,
    command     VARCHAR(64) NOT NULL,
    arguments   CLOB NOT NULL,
    outcome     VARCHAR(32) NOT NULL,
    detail      CLOB
);
CREATE INDEX ix_audit_at ON audit_log (at);
