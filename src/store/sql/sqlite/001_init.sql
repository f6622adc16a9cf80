-- 001_init.sql - organisation, people, accounts, certificates, sessions and
-- the audit log. Instants are Unix seconds (INTEGER); dates are 'YYYY-MM-DD'
-- TEXT; flags are 0/1. The runner (sqlite_db.c) applies this file in one
-- transaction and then sets PRAGMA user_version to its number.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY NOT NULL,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Read by the audit triggers below; values under 180 count as 180.
INSERT INTO settings (key, value) VALUES ('audit_retention_days', '180');

-- GB/T 2260 codes. Provinces have parent_code NULL.
CREATE TABLE divisions (
	code        TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 6),
	name        TEXT NOT NULL,
	level       INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
	parent_code TEXT REFERENCES divisions (code)
) WITHOUT ROWID;
CREATE INDEX divisions_parent ON divisions (parent_code, code);

CREATE TABLE agencies (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL,
	uscc          TEXT NOT NULL UNIQUE,
	division_code TEXT NOT NULL REFERENCES divisions (code),
	kind          TEXT NOT NULL,
	domains       TEXT,
	active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);
-- Scope SCOPE_DIVISION filters on a prefix of division_code.
CREATE INDEX agencies_division ON agencies (division_code);
CREATE INDEX agencies_kind ON agencies (kind);

CREATE TABLE units (
	id         INTEGER PRIMARY KEY,
	agency_id  INTEGER NOT NULL REFERENCES agencies (id),
	name       TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	UNIQUE (agency_id, name),
	-- target of people's (agency_id, unit_id) key: a person's unit must
	-- belong to the person's own agency
	UNIQUE (agency_id, id)
);

CREATE TABLE people (
	id          INTEGER PRIMARY KEY,
	agency_id   INTEGER NOT NULL REFERENCES agencies (id),
	unit_id     INTEGER,
	name        TEXT NOT NULL,
	resident_id TEXT NOT NULL,
	phone       TEXT,
	kind        INTEGER NOT NULL CHECK (kind IN (1, 2)),
	is_reviewer INTEGER NOT NULL DEFAULT 0 CHECK (is_reviewer IN (0, 1)),
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	FOREIGN KEY (agency_id, unit_id) REFERENCES units (agency_id, id)
);
CREATE INDEX people_agency ON people (agency_id, kind, active);
CREATE INDEX people_agency_unit ON people (agency_id, unit_id);
CREATE INDEX people_unit ON people (unit_id);

CREATE TABLE users (
	id                   INTEGER PRIMARY KEY,
	username             TEXT NOT NULL COLLATE NOCASE UNIQUE,
	display_name         TEXT NOT NULL,
	agency_id            INTEGER REFERENCES agencies (id),
	person_id            INTEGER REFERENCES people (id),
	roles                INTEGER NOT NULL DEFAULT 0,
	disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
	password_hash        TEXT NOT NULL,
	failed_logins        INTEGER NOT NULL DEFAULT 0,
	locked_until         INTEGER NOT NULL DEFAULT 0,
	password_changed_at  INTEGER NOT NULL DEFAULT 0,
	created_at           INTEGER NOT NULL,
	updated_at           INTEGER NOT NULL
);
CREATE INDEX users_agency ON users (agency_id);
CREATE INDEX users_person ON users (person_id);

CREATE TABLE certificates (
	id            INTEGER PRIMARY KEY,
	number        TEXT NOT NULL UNIQUE,
	person_id     INTEGER NOT NULL REFERENCES people (id),
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	issuer        TEXT NOT NULL,
	domains       TEXT,
	issued_on     TEXT NOT NULL,
	valid_until   TEXT NOT NULL,
	-- 1 valid, 2 suspended, 3 revoked; "expired" is computed, never stored
	status        INTEGER NOT NULL CHECK (status IN (1, 2, 3)),
	revoked_on    TEXT,
	revoke_reason TEXT,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);
CREATE INDEX certificates_agency ON certificates (agency_id, status, valid_until);
CREATE INDEX certificates_person ON certificates (person_id);
CREATE INDEX certificates_expiry ON certificates (status, valid_until);

CREATE TABLE cert_reviews (
	id             INTEGER PRIMARY KEY,
	certificate_id INTEGER NOT NULL REFERENCES certificates (id),
	year           INTEGER NOT NULL,
	passed         INTEGER NOT NULL CHECK (passed IN (0, 1)),
	note           TEXT,
	reviewed_on    TEXT NOT NULL,
	created_at     INTEGER NOT NULL,
	UNIQUE (certificate_id, year)
);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
	id           INTEGER PRIMARY KEY,
	digest       BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	client_addr  TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
CREATE INDEX sessions_created ON sessions (created_at);

CREATE TABLE login_failures (
	client_addr TEXT NOT NULL,
	at          INTEGER NOT NULL
);
CREATE INDEX login_failures_client ON login_failures (client_addr, at);
CREATE INDEX login_failures_at ON login_failures (at);

-- AUTOINCREMENT: an audit id is never handed out twice, even after a purge.
-- actor_id is deliberately not a foreign key: the record outlives accounts.
CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	at          INTEGER NOT NULL,
	actor_id    INTEGER NOT NULL DEFAULT 0,
	actor       TEXT NOT NULL DEFAULT '',
	client_addr TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL,
	object_type TEXT NOT NULL DEFAULT '',
	object_id   TEXT NOT NULL DEFAULT '',
	result      TEXT NOT NULL CHECK (result IN ('ok', 'denied', 'failed')),
	message     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_actor_id ON audit_log (actor_id);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

CREATE TABLE audit_changes (
	audit_id     INTEGER NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
	field        TEXT NOT NULL,
	before_value TEXT,
	after_value  TEXT
);
CREATE INDEX audit_changes_audit ON audit_changes (audit_id);

-- The audit log is append-only in the database itself, whoever connects:
-- no UPDATE ever; DELETE only of records older than the retention period
-- (settings 'audit_retention_days', never less than 180 days); changes
-- only go with their record, by the cascade of its deletion.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;

CREATE TRIGGER audit_changes_no_update BEFORE UPDATE ON audit_changes
BEGIN
	SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;

CREATE TRIGGER audit_log_keep_retention BEFORE DELETE ON audit_log
WHEN OLD.at > CAST(strftime('%s', 'now') AS INTEGER) - 86400 * max(180,
	coalesce((SELECT CAST(value AS INTEGER) FROM settings
	          WHERE key = 'audit_retention_days'), 180))
BEGIN
	SELECT RAISE(ABORT, '审计记录未满保存期限，不能删除');
END;

-- While its record exists a change is part of it. (The cascade from a
-- purged record runs after the record is gone, so it passes.)
CREATE TRIGGER audit_changes_keep BEFORE DELETE ON audit_changes
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = OLD.audit_id)
BEGIN
	SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;

-- Changes are written with their record, in the same transaction, and may
-- not be attached to an older record afterwards.
CREATE TRIGGER audit_changes_only_newest BEFORE INSERT ON audit_changes
WHEN NEW.audit_id IS NOT (SELECT max(id) FROM audit_log)
BEGIN
	SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;
