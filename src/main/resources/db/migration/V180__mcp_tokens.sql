-- issue 21: the token that binds a worker's 'czar mcp' server to its workstream. Only its SHA-256 is stored; the
-- token itself exists only in the environment of that worker's process. A new attempt replaces the old token.
CREATE TABLE mcp_tokens (
    workstream  VARCHAR(100) PRIMARY KEY REFERENCES workstreams (name),
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    attempt     INT NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
