-- 021_matters.sql - cases that are matters (事项) without a party: a
-- normative document (行政规范性文件) is drafted by units, not brought
-- against a citizen or an organisation (docs/PROCEDURES.md, `subject
-- matter`). The cases table takes the kind 5 (规范性文件) and the party
-- kind 0 (no party, its name and id empty); nothing else changes.
--
-- SQLite cannot change a CHECK constraint in place: the rows are set
-- aside, the table is dropped and created again with the same columns,
-- indexes and triggers, and the rows put back with their ids. The tables
-- that refer to cases (id) name it by name, so they refer to the new
-- table; their foreign keys are checked when the migration commits (the
-- rows put back satisfy them again).
PRAGMA defer_foreign_keys = ON;

CREATE TABLE cases_020 AS SELECT * FROM cases;
DROP TABLE cases;

CREATE TABLE cases (
	id            INTEGER PRIMARY KEY,
	number        TEXT NOT NULL,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	procedure     TEXT NOT NULL,
	-- enum case_kind: 1 penalty, 2 inspection, 3 permit, 4 coercion,
	-- 5 normative document (a matter without a party)
	kind          INTEGER NOT NULL CHECK (kind IN (1, 2, 3, 4, 5)),
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
	closed, created_by, created_at, updated_at FROM cases_020 ORDER BY id;
DROP TABLE cases_020;

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
