-- schoolmod schema, version 1.
-- Instants are UTC unix seconds in INTEGER columns named *_at. Booleans are INTEGER 0/1.
-- STRICT tables: platform text is hostile, so a value of the wrong type is an error, not a guess.

-- What the scheduler remembers about each configured account between polls. The accounts
-- themselves are config (schoolmod.toml); only their polling state lives here.
CREATE TABLE account_states (
  account_id TEXT PRIMARY KEY NOT NULL CHECK (account_id <> ''),
  platform TEXT NOT NULL,
  cursor TEXT NOT NULL DEFAULT '',
  last_poll_at INTEGER,
  last_success_at INTEGER,
  error_kind TEXT,
  error_message TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  next_poll_at INTEGER
) STRICT;

-- One row per comment or reply seen on an account, as the platform last showed it.
-- Rows are never deleted: deleted_at marks a comment gone from the platform, and retention
-- empties the text (text_purged) while the row keeps the figures reports need.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL CHECK (account_id <> ''),
  platform TEXT NOT NULL CHECK (platform <> ''),
  school_id TEXT NOT NULL DEFAULT '',
  platform_id TEXT NOT NULL CHECK (platform_id <> ''),
  post_id TEXT NOT NULL DEFAULT '',
  permalink TEXT NOT NULL DEFAULT '',
  parent_platform_id TEXT,
  author_id TEXT,
  author_name TEXT,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER,
  fetched_at INTEGER NOT NULL,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  own INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),
  deleted_at INTEGER,
  text_purged INTEGER NOT NULL DEFAULT 0 CHECK (text_purged IN (0, 1)),
  -- Set when a person has dealt with the moderation side of the item; cleared by an edit.
  reviewed_at INTEGER,
  reviewed_by TEXT,
  UNIQUE (account_id, platform_id)
) STRICT;

-- Classifier verdicts, oldest first. A comment's current verdict is its newest row; an edit
-- appends a row, so what the school saw and acted on stays explainable.
CREATE TABLE verdicts (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES comments (id),
  classifier TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('ok', 'review', 'remove')),
  categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories)),  -- JSON array of names
  severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
  needs_response INTEGER NOT NULL CHECK (needs_response IN (0, 1)),
  safeguarding INTEGER NOT NULL CHECK (safeguarding IN (0, 1)),
  personal_data INTEGER NOT NULL CHECK (personal_data IN (0, 1)),
  actions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(actions)),        -- JSON array of names
  reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),        -- JSON array of objects
  decided_at INTEGER NOT NULL
) STRICT;
CREATE INDEX verdicts_by_comment ON verdicts (comment_id, id);

-- The response clock of one inbound comment (DESIGN.md "SLA semantics").
CREATE TABLE sla_items (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL UNIQUE REFERENCES comments (id),
  school_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'stopped')),
  stopped_at INTEGER,
  stopped_by TEXT,
  stop_reason TEXT,
  breached_at INTEGER,
  CHECK ((state = 'open') = (stopped_at IS NULL))
) STRICT;
CREATE INDEX sla_items_by_state_due ON sla_items (state, due_at);

-- Platform actions to carry out. Written in the same transaction as the decision that caused
-- them; the worker retries until done or failed. idempotency_key makes a repeated decision a no-op
-- and is passed to the connector, so a retried call after a crash is recognised.
CREATE TABLE action_outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE CHECK (idempotency_key <> ''),
  account_id TEXT NOT NULL,
  comment_id INTEGER NOT NULL REFERENCES comments (id),
  kind TEXT NOT NULL CHECK (kind IN ('hide', 'unhide', 'delete', 'block', 'report', 'reply')),
  reason TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL CHECK (requested_by <> ''),
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'in_flight', 'done', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  outcome TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
  created_at INTEGER NOT NULL,
  done_at INTEGER
) STRICT;
CREATE INDEX action_outbox_by_state_due ON action_outbox (state, next_attempt_at);
CREATE INDEX action_outbox_by_comment ON action_outbox (comment_id);

-- Emails to send, one row per recipient so one bad address never blocks or repeats the others.
-- message_id is fixed before the first attempt, so a resend after a crash is the same message.
CREATE TABLE notification_outbox (
  id INTEGER PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE CHECK (dedupe_key <> ''),
  kind TEXT NOT NULL CHECK (kind <> ''),
  item_id INTEGER REFERENCES comments (id),
  recipient TEXT NOT NULL CHECK (recipient <> ''),
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'in_flight', 'sent', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  failed_at INTEGER
) STRICT;
CREATE INDEX notification_outbox_by_state_due ON notification_outbox (state, next_attempt_at);
CREATE INDEX notification_outbox_by_item ON notification_outbox (item_id);

-- Who did what, when and why. hash = SHA-256 of prev_hash and this row's fields, so an edited,
-- removed or reordered row breaks the chain. Never holds comment text: it is never purged.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL CHECK (actor <> ''),
  action TEXT NOT NULL CHECK (action <> ''),
  subject TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_subject ON audit_log (subject, id);

-- Append-only, enforced by the database so no code path (or stray sqlite3 session) edits history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
