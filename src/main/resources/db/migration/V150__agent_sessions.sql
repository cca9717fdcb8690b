-- The agent each workstream runs (a launch may name one; otherwise workers.agent), the session its next turn
-- resumes, and what its runs reported: turns, tokens, cost (summed over runs), last tool call, files written.
CREATE TABLE agent_sessions (
    workstream     VARCHAR(100) PRIMARY KEY REFERENCES workstreams (name),
    agent          VARCHAR(40) NOT NULL,
    session_id     VARCHAR(200),
    turns          INT NOT NULL DEFAULT 0,
    input_tokens   BIGINT NOT NULL DEFAULT 0,
    output_tokens  BIGINT NOT NULL DEFAULT 0,
    cost_usd       DECIMAL(14, 6),
    last_tool      VARCHAR(300),
    files_changed  INT NOT NULL DEFAULT 0,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
