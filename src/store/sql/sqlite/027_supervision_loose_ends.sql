-- 027_supervision_loose_ends.sql - issue 12's loose ends: long exports
-- that survive a restart (export_jobs), and the public's failed receipt
-- lookups counted per address (complaint_lookups, docs/COMPLAINTS.md).

-- A long export (导出任务, docs/STATISTICS.md): who asked (only that
-- account reads it), in which scope, how far it got, and the finished
-- file. Working state, not a recorded fact: the row changes as the job
-- runs. A job found queued or running when a server starts was cut off by
-- a restart: it is marked failed with the reason, never left hanging.
CREATE TABLE export_jobs (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL CHECK (kind IN ('annual_xlsx')),
	year          INTEGER NOT NULL,
	user_id       INTEGER NOT NULL REFERENCES users (id), -- the owner
	username      TEXT NOT NULL,
	roles         INTEGER NOT NULL,           -- the owner's when asking
	agency_id     INTEGER NOT NULL DEFAULT 0,
	scope_kind    INTEGER NOT NULL,           -- enum scope_kind when asking
	scope_agency  INTEGER NOT NULL DEFAULT 0,
	scope_prefix  TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
	stage         INTEGER NOT NULL DEFAULT 0, -- reached, of 3
	message       TEXT NOT NULL DEFAULT '',   -- why it failed (Chinese)
	file          BLOB,                        -- the XLSX once done
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);
CREATE INDEX export_jobs_status ON export_jobs (status, id);
CREATE INDEX export_jobs_user ON export_jobs (user_id, id);

-- Receipt lookups on the public tracking form that matched nothing, by
-- the SHA-256 of the client address: more than a few in an hour and the
-- address is told to wait (429), so that the last four digits of a phone
-- cannot be tried one after another. Old rows are pruned as new ones come.
CREATE TABLE complaint_lookups (
	client_key  TEXT NOT NULL,
	at          INTEGER NOT NULL
);
CREATE INDEX complaint_lookups_key ON complaint_lookups (client_key, at);
