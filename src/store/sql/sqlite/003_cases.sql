-- 003_cases.sql - enforcement cases (案件) and the record of everything
-- done in them (执法全过程记录). The events are the record: appended, never
-- changed, whoever connects. The cases row is a projection of them (state,
-- closed, display fields) kept for lists and filters, and may be updated;
-- its number, agency, kind and creation may not.

-- Per agency, year and number series (the kind code: 罚立, 检 ...), the
-- last number handed out. case_insert bumps it in the same transaction as
-- the case it numbers, so a number is used exactly once and none is
-- skipped: a rolled-back insert rolls the counter back with it.
CREATE TABLE case_number_seq (
	agency_id INTEGER NOT NULL REFERENCES agencies (id),
	year      INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
	kind_code TEXT NOT NULL CHECK (kind_code <> ''),
	last      INTEGER NOT NULL CHECK (last >= 1),
	PRIMARY KEY (agency_id, year, kind_code)
) WITHOUT ROWID;

CREATE TRIGGER case_number_seq_only_next BEFORE UPDATE ON case_number_seq
WHEN NEW.last IS NOT OLD.last + 1 OR NEW.agency_id IS NOT OLD.agency_id
	OR NEW.year IS NOT OLD.year OR NEW.kind_code IS NOT OLD.kind_code
BEGIN
	SELECT RAISE(ABORT, '案件编号只能依次递增');
END;

CREATE TRIGGER case_number_seq_no_delete BEFORE DELETE ON case_number_seq
BEGIN
	SELECT RAISE(ABORT, '案件编号只能依次递增');
END;

-- Dates are 'YYYY-MM-DD' or NULL (not yet known / not yet opened).
CREATE TABLE cases (
	id            INTEGER PRIMARY KEY,
	number        TEXT NOT NULL,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	procedure     TEXT NOT NULL,
	-- enum case_kind: 1 penalty, 2 inspection, 3 permit, 4 coercion
	kind          INTEGER NOT NULL CHECK (kind IN (1, 2, 3, 4)),
	domain        TEXT NOT NULL,
	matter        TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL,
	-- enum party_kind: 1 citizen, 2 organisation
	party_kind    INTEGER NOT NULL CHECK (party_kind IN (1, 2)),
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
	UNIQUE (agency_id, number)
);
-- Scope SCOPE_AGENCY and the agency filter, newest first (the rowid
-- follows agency_id in the index).
CREATE INDEX cases_agency ON cases (agency_id);
-- Work queues: open cases waiting at given steps, longest waiting first.
CREATE INDEX cases_state ON cases (state, closed, updated_at);
CREATE INDEX cases_created_by ON cases (created_by);
CREATE INDEX cases_opened ON cases (opened_on);

-- A number, once given, stays with its agency and its case; a case is
-- never deleted (it would leave a gap in the numbers and orphan its
-- record).
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

-- One event: a step of the case's procedure, or a correction of an
-- earlier event of the same case (corrects). seq runs 1, 2, 3 ... within
-- the case without gaps. actor is the username as it was at the time.
CREATE TABLE case_events (
	id        INTEGER PRIMARY KEY,
	case_id   INTEGER NOT NULL REFERENCES cases (id),
	seq       INTEGER NOT NULL CHECK (seq >= 1),
	step      TEXT NOT NULL CHECK (step <> ''),
	on_date   TEXT NOT NULL CHECK (length(on_date) = 10),
	at        INTEGER NOT NULL,
	-- NULL: recorded from the shell
	actor_id  INTEGER REFERENCES users (id),
	actor     TEXT NOT NULL DEFAULT '',
	corrects  INTEGER,
	reason    TEXT NOT NULL DEFAULT '',
	UNIQUE (case_id, seq),
	-- target of corrects: a correction corrects an event of its own case
	UNIQUE (case_id, id),
	FOREIGN KEY (case_id, corrects) REFERENCES case_events (case_id, id)
);
CREATE INDEX case_events_step ON case_events (step);

-- rowid order is the order the caller gave.
CREATE TABLE case_event_fields (
	event_id INTEGER NOT NULL REFERENCES case_events (id),
	key      TEXT NOT NULL CHECK (key <> ''),
	value    TEXT NOT NULL,
	PRIMARY KEY (event_id, key)
);

CREATE TABLE case_event_officers (
	event_id  INTEGER NOT NULL REFERENCES case_events (id),
	person_id INTEGER NOT NULL REFERENCES people (id),
	PRIMARY KEY (event_id, person_id)
);
CREATE INDEX case_event_officers_person ON case_event_officers (person_id);

-- The record is append-only in the database itself, as the audit log is:
-- no UPDATE, no DELETE; an event takes the next seq of its case; its
-- fields and officers are written with it, in the same transaction, and
-- cannot be added to an older event afterwards.
CREATE TRIGGER case_events_seq_next BEFORE INSERT ON case_events
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM case_events
                     WHERE case_id = NEW.case_id)
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能依次追加');
END;

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能修改');
END;

CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能修改');
END;

CREATE TRIGGER case_event_fields_only_newest BEFORE INSERT ON case_event_fields
WHEN NEW.event_id IS NOT (SELECT max(id) FROM case_events)
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能修改');
END;

CREATE TRIGGER case_event_fields_no_update BEFORE UPDATE ON case_event_fields
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能修改');
END;

CREATE TRIGGER case_event_fields_no_delete BEFORE DELETE ON case_event_fields
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能修改');
END;

CREATE TRIGGER case_event_officers_only_newest BEFORE INSERT ON case_event_officers
WHEN NEW.event_id IS NOT (SELECT max(id) FROM case_events)
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能修改');
END;

CREATE TRIGGER case_event_officers_no_update BEFORE UPDATE ON case_event_officers
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能修改');
END;

CREATE TRIGGER case_event_officers_no_delete BEFORE DELETE ON case_event_officers
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能修改');
END;
