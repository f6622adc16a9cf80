-- 028_decisions.sql - major administrative decisions (重大行政决策,
-- docs/DECISIONS.md): the cases table takes the kind 6 (a matter without a
-- party, like a normative document), and the yearly decision catalogue
-- (决策事项目录) is stored as an append-only record of what was listed,
-- approved, added or removed, each entry with its ledger leaf (kind 11).
--
-- The cases table is rebuilt as in 021 (SQLite cannot change a CHECK in
-- place): the same columns, indexes and triggers, the rows put back with
-- their ids; foreign keys are checked when the migration commits.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE cases_027 AS SELECT * FROM cases;
DROP TABLE cases;

CREATE TABLE cases (
	id            INTEGER PRIMARY KEY,
	number        TEXT NOT NULL,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	procedure     TEXT NOT NULL,
	-- enum case_kind: 1 penalty, 2 inspection, 3 permit, 4 coercion,
	-- 5 normative document, 6 major decision (both matters without a party)
	kind          INTEGER NOT NULL CHECK (kind IN (1, 2, 3, 4, 5, 6)),
	domain        TEXT NOT NULL,
	matter        TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL,
	-- enum party_kind: 1 citizen, 2 organisation, 0 none (a matter:
	-- then no name and no id)
	party_kind    INTEGER NOT NULL CHECK (party_kind IN (0, 1, 2)),
	party_name    TEXT NOT NULL,
	party_id      TEXT NOT NULL DEFAULT '',
	party_address TEXT NOT NULL DEFAULT '',
	act_date      TEXT CHECK (act_date IS NULL OR length(act_date) = 10),
	opened_on     TEXT CHECK (opened_on IS NULL OR length(opened_on) = 10),
	-- id of the last step taken, '' before any
	state         TEXT NOT NULL DEFAULT '',
	closed        INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
	-- NULL: created from the shell
	created_by    INTEGER REFERENCES users (id),
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL,
	UNIQUE (agency_id, number),
	CHECK (party_kind <> 0 OR (party_name = '' AND party_id = '' AND party_address = ''))
);

INSERT INTO cases (id, number, agency_id, procedure, kind, domain, matter, title,
	party_kind, party_name, party_id, party_address, act_date, opened_on, state,
	closed, created_by, created_at, updated_at)
SELECT id, number, agency_id, procedure, kind, domain, matter, title,
	party_kind, party_name, party_id, party_address, act_date, opened_on, state,
	closed, created_by, created_at, updated_at FROM cases_027 ORDER BY id;
DROP TABLE cases_027;

CREATE INDEX cases_agency ON cases (agency_id);
CREATE INDEX cases_state ON cases (state, closed, updated_at);
CREATE INDEX cases_created_by ON cases (created_by);
CREATE INDEX cases_opened ON cases (opened_on);

CREATE TRIGGER cases_keep_identity
BEFORE UPDATE OF number, agency_id, kind, created_by, created_at ON cases
WHEN NEW.number IS NOT OLD.number OR NEW.agency_id IS NOT OLD.agency_id
	OR NEW.kind IS NOT OLD.kind OR NEW.created_by IS NOT OLD.created_by
	OR NEW.created_at IS NOT OLD.created_at
BEGIN
	SELECT RAISE(ABORT, '案件编号、执法主体、类别和登记信息不能修改');
END;

CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN
	SELECT RAISE(ABORT, '案件一经登记不能删除');
END;

CREATE TRIGGER cases_no_replace BEFORE INSERT ON cases
WHEN EXISTS (SELECT 1 FROM cases WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '案件一经登记不能替换');
END;

CREATE TRIGGER cases_number_taken BEFORE INSERT ON cases
WHEN EXISTS (SELECT 1 FROM cases WHERE agency_id = NEW.agency_id
             AND number = NEW.number)
BEGIN
	SELECT RAISE(ABORT, '本执法主体已有相同编号的案件');
END;

-- (IF NOT EXISTS: a database migrated again from an older version, as the
-- migration tests do, keeps what it has.)
-- A government's (or department's) catalogue for one year. Nothing in
-- the row changes: its approval and its items are entries below.
CREATE TABLE IF NOT EXISTS decision_catalogues (
	id          INTEGER PRIMARY KEY,
	agency_id   INTEGER NOT NULL REFERENCES agencies (id),
	year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
	title       TEXT NOT NULL CHECK (title <> ''),
	created_by  INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	UNIQUE (agency_id, year)
);

CREATE TRIGGER IF NOT EXISTS decision_catalogues_no_update BEFORE UPDATE ON decision_catalogues
BEGIN
	SELECT RAISE(ABORT, '决策事项目录只能追加记录，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS decision_catalogues_no_delete BEFORE DELETE ON decision_catalogues
BEGIN
	SELECT RAISE(ABORT, '决策事项目录只能追加记录，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS decision_catalogues_no_replace BEFORE INSERT ON decision_catalogues
WHEN EXISTS (SELECT 1 FROM decision_catalogues WHERE id = NEW.id
             OR (agency_id = NEW.agency_id AND year = NEW.year))
BEGIN
	SELECT RAISE(ABORT, '决策事项目录只能追加记录，不能修改');
END;

-- What happened to a catalogue, in order: an item listed ('add': its
-- id is the item's id), the catalogue approved ('approve': the approving
-- body in `unit`, the note in `reason`), an item removed ('remove':
-- `item_id` the entry that added it). An entry after the approval is an
-- adjustment (调整) and always states its reason.
CREATE TABLE IF NOT EXISTS decision_catalogue_entries (
	id           INTEGER PRIMARY KEY,
	catalogue_id INTEGER NOT NULL REFERENCES decision_catalogues (id),
	action       TEXT NOT NULL CHECK (action IN ('add', 'approve', 'remove')),
	item_id      INTEGER REFERENCES decision_catalogue_entries (id),
	title        TEXT NOT NULL DEFAULT '',
	category     TEXT NOT NULL DEFAULT '',
	unit         TEXT NOT NULL DEFAULT '',
	reason       TEXT NOT NULL DEFAULT '',
	adjustment   INTEGER NOT NULL DEFAULT 0 CHECK (adjustment IN (0, 1)),
	on_day       TEXT NOT NULL CHECK (length(on_day) = 10),
	at           INTEGER NOT NULL,
	actor_id     INTEGER NOT NULL DEFAULT 0,
	actor        TEXT NOT NULL DEFAULT '',
	CHECK (action <> 'add' OR (title <> '' AND item_id IS NULL)),
	CHECK (action <> 'remove' OR (item_id IS NOT NULL AND reason <> '')),
	CHECK (adjustment = 0 OR reason <> '')
);
CREATE INDEX IF NOT EXISTS decision_catalogue_entries_catalogue ON decision_catalogue_entries (catalogue_id, id);

CREATE TRIGGER IF NOT EXISTS decision_catalogue_entries_no_update BEFORE UPDATE ON decision_catalogue_entries
BEGIN
	SELECT RAISE(ABORT, '决策事项目录只能追加记录，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS decision_catalogue_entries_no_delete BEFORE DELETE ON decision_catalogue_entries
BEGIN
	SELECT RAISE(ABORT, '决策事项目录只能追加记录，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS decision_catalogue_entries_no_replace BEFORE INSERT ON decision_catalogue_entries
WHEN EXISTS (SELECT 1 FROM decision_catalogue_entries WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '决策事项目录只能追加记录，不能修改');
END;
-- approved once; after it every entry is an adjustment with its reason
CREATE TRIGGER IF NOT EXISTS decision_catalogue_entries_approved_once BEFORE INSERT ON decision_catalogue_entries
WHEN NEW.action = 'approve' AND EXISTS (SELECT 1 FROM decision_catalogue_entries
	WHERE catalogue_id = NEW.catalogue_id AND action = 'approve')
BEGIN
	SELECT RAISE(ABORT, '决策事项目录已经批准');
END;
CREATE TRIGGER IF NOT EXISTS decision_catalogue_entries_adjustment BEFORE INSERT ON decision_catalogue_entries
WHEN NEW.adjustment = 0 AND EXISTS (SELECT 1 FROM decision_catalogue_entries
	WHERE catalogue_id = NEW.catalogue_id AND action = 'approve')
BEGIN
	SELECT RAISE(ABORT, '目录批准后的变动是调整，须写明理由');
END;
