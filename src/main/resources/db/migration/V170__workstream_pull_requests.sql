-- issue 19: the pull request czar opened for a workstream's branch, so later rounds update the same one and answers
-- can cite it (pr:57). No token or credential is ever stored here.
CREATE TABLE workstream_pull_requests (
    workstream  VARCHAR(64)  NOT NULL PRIMARY KEY,
    repo        VARCHAR(200) NOT NULL,
    number      INT          NOT NULL,
    url         VARCHAR(500) NOT NULL,
    node_id     VARCHAR(100),
    state       VARCHAR(16)  NOT NULL,
    head_sha    VARCHAR(64),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
