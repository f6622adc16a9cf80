-- 026_calendar_uploads.sql - a holiday calendar uploaded from the page
-- (/calendar) and not yet confirmed: held here, keyed by the SHA-256 of a
-- random token that only the uploading sysadmin's browser has, until it
-- is confirmed (then deleted) or expires (pruned on the next upload). The
-- file is the text the parser accepted, never a path. Not a recorded
-- fact: loading the calendar is (audit "calendar.load"). IF NOT EXISTS:
-- tests run the later migrations again over an older user_version.

CREATE TABLE IF NOT EXISTS calendar_uploads (
	token_digest BLOB PRIMARY KEY CHECK (length(token_digest) = 32),
	user_id      INTEGER NOT NULL REFERENCES users (id),
	file_name    TEXT NOT NULL,
	content      TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL CHECK (expires_at > created_at)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS calendar_uploads_expiry ON calendar_uploads (expires_at);
