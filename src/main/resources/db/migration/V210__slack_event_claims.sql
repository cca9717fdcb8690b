-- issue 23: several 'czar serve' replicas on one store. Each taken-in Slack event names the replica that answers
-- it; a replica that stops heartbeating (SIGKILL, lost host) leaves its acknowledged but unanswered events to be
-- claimed, by compare-and-set on claimed_by, and answered once by another replica.
ALTER TABLE slack_events ADD COLUMN claimed_by VARCHAR(200);

CREATE TABLE slack_replicas (
    replica_id    VARCHAR(200) PRIMARY KEY,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
