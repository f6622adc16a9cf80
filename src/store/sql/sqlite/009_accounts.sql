-- 009_accounts.sql - account security (三员分立, issue 11): sign-in
-- lockout kept per name, so that a name without an account locks exactly
-- like one with an account and the answer never tells which exists; the
-- hashes of recent passwords, so that a change cannot go back to one of
-- them; and a per-agency override of the evidence storage quota.

-- One row per name that failed recently. failures counts consecutive
-- wrong passwords; locked_until is a Unix time (0 = not locked).
-- users.failed_logins and users.locked_until are no longer read.
CREATE TABLE login_names (
	username     TEXT PRIMARY KEY COLLATE NOCASE,
	failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
	locked_until INTEGER NOT NULL DEFAULT 0,
	updated_at   INTEGER NOT NULL
);
CREATE INDEX login_names_updated ON login_names (updated_at);

-- The scrypt hashes an account has had, newest last; the current one too.
CREATE TABLE password_history (
	id            INTEGER PRIMARY KEY,
	user_id       INTEGER NOT NULL REFERENCES users (id),
	password_hash TEXT NOT NULL,
	set_at        INTEGER NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, id);

-- Bytes of evidence the agency may store; NULL = the configured default.
ALTER TABLE agencies ADD COLUMN evidence_quota INTEGER CHECK (evidence_quota IS NULL OR evidence_quota >= 0);
