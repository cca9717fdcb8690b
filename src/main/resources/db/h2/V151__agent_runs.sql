-- One row per finished agent run with the usage it reported: what "how much did the workers cost?" sums per
-- workstream, per launching user and per day.
CREATE TABLE agent_runs (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    workstream     VARCHAR(100) NOT NULL REFERENCES workstreams (name),
    agent          VARCHAR(40) NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    turns          INT NOT NULL,
    input_tokens   BIGINT NOT NULL,
    output_tokens  BIGINT NOT NULL,
    cost_usd       DECIMAL(14, 6)
);
CREATE INDEX ix_agent_runs_ended ON agent_runs (ended_at);
