-- A PAUSED workstream remembers the state it was paused in, so resume puts it back exactly there (a running
-- worker's process group is stopped meanwhile; a queued one is held out of the queue).
ALTER TABLE workstreams ADD COLUMN paused_from VARCHAR(16);
