-- 027_supervision_loose_ends.sql - issue 12's loose ends: long exports
-- that survive a restart (export_jobs), and the public's failed receipt
-- lookups counted per address (complaint_lookups) and the files attached
-- to a public filing (complaint_attachments), docs/COMPLAINTS.md. Written
-- to run twice harmlessly (IF NOT EXISTS): a test reruns the migrations
-- from 021 on.

-- A long export (导出任务, docs/STATISTICS.md): who asked (only that
-- account reads it), in which scope, how far it got, and the finished
-- file. Working state, not a recorded fact: the row changes as the job
-- runs. A job found queued or running when a server starts was cut off by
-- a restart: it is marked failed with the reason, never left hanging.
CREATE TABLE IF NOT EXISTS export_jobs (
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
CREATE INDEX IF NOT EXISTS export_jobs_status ON export_jobs (status, id);
CREATE INDEX IF NOT EXISTS export_jobs_user ON export_jobs (user_id, id);

-- Receipt lookups on the public tracking form that matched nothing, by
-- the SHA-256 of the client address: more than a few in an hour and the
-- address is told to wait (429), so that the last four digits of a phone
-- cannot be tried one after another. Old rows are pruned as new ones come.
CREATE TABLE IF NOT EXISTS complaint_lookups (
	client_key  TEXT NOT NULL,
	at          INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS complaint_lookups_key ON complaint_lookups (client_key, at);

-- Files a person attached to a filing on the portal (docs/COMPLAINTS.md):
-- stored content-addressed beside the evidence (data_dir/evidence/..),
-- their digests in the filing's event text and so under its ledger leaf.
-- Shown to the bureau and the responsible agency, never to the public.
-- A recorded fact: append-only.
CREATE TABLE IF NOT EXISTS complaint_attachments (
	id           INTEGER PRIMARY KEY,
	complaint_id INTEGER NOT NULL REFERENCES complaints (id),
	digest       TEXT NOT NULL,               -- hex, the ledger's hash
	size         INTEGER NOT NULL CHECK (size > 0),
	file_name    TEXT NOT NULL CHECK (file_name <> ''),
	media_type   TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png',
	                                    'application/pdf')),
	created_at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS complaint_attachments_complaint ON complaint_attachments (complaint_id);

CREATE TRIGGER IF NOT EXISTS complaint_attachments_no_update BEFORE UPDATE ON complaint_attachments
BEGIN
	SELECT RAISE(ABORT, '投诉附件只能追加，不能修改');
END;

CREATE TRIGGER IF NOT EXISTS complaint_attachments_no_delete BEFORE DELETE ON complaint_attachments
BEGIN
	SELECT RAISE(ABORT, '投诉附件只能追加，不能修改');
END;

CREATE TRIGGER IF NOT EXISTS complaint_attachments_no_replace BEFORE INSERT ON complaint_attachments
WHEN EXISTS (SELECT 1 FROM complaint_attachments WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '投诉附件只能追加，不能修改');
END;
