-- The classifier blocks repeat offenders: each new comment asks how many of its author's
-- comments on the account were removed, so that lookup needs an index.
CREATE INDEX comments_by_author ON comments (account_id, author_id);
