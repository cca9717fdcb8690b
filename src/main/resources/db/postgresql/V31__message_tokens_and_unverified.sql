-- PostgreSQL twin of db/h2/V31__message_tokens_and_unverified.sql (issue 23): the same schema, in PostgreSQL's types.
-- Per-message cost and the claims the citation checker could not back, next to the answer they belong to.
ALTER TABLE messages ADD COLUMN input_tokens BIGINT;
ALTER TABLE messages ADD COLUMN output_tokens BIGINT;
ALTER TABLE messages ADD COLUMN unverified_json TEXT;
