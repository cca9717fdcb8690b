-- Conversation memory the language model sees, one row per channel+thread (LangChain4j ChatMemoryStore).
CREATE TABLE llm_memory (
    memory_id      VARCHAR(420) PRIMARY KEY,
    messages_json  CLOB NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Tokens spent per answer, for cost accounting per user, channel and (later) worker/workstream.
CREATE TABLE llm_token_usage (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    user_id        VARCHAR(200) NOT NULL,
    channel        VARCHAR(200) NOT NULL,
    thread         VARCHAR(200) NOT NULL DEFAULT '',
    workstream     VARCHAR(200),
    provider       VARCHAR(32) NOT NULL,
    model          VARCHAR(200) NOT NULL,
    round_trips    INT NOT NULL,
    input_tokens   BIGINT NOT NULL,
    output_tokens  BIGINT NOT NULL
);
CREATE INDEX ix_llm_token_usage_at ON llm_token_usage (at);
