-- What each taken-in event asked and whether it was answered, so a question whose answer was cut off by a crash
-- (Slack never redelivers an acknowledged event) is answered once when czar starts again.
ALTER TABLE slack_events ADD COLUMN turn_json CLOB;
ALTER TABLE slack_events ADD COLUMN answered_at TIMESTAMP WITH TIME ZONE;
