-- 019_evaluation.sql - case-file evaluation (案卷评查), supervision checks
-- (监督检查) and the rectification notices (整改通知) both lead to
-- (issue 12 §4, §6; docs/EVALUATION.md). The rows below are kept up to
-- date by the app; what happened is the append-only oversight_records,
-- one ledger leaf (kind 10) each: a sample drawn, an evaluator assigned, a
-- score given, a round closed, a finding, a notice issued, answered,
-- returned or closed. A score's item lines (eval_marks) are written once.

CREATE TABLE eval_rounds (
	id            INTEGER PRIMARY KEY,
	year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
	title         TEXT NOT NULL CHECK (title <> ''),
	-- the division of the bureau that runs it ('' = system-wide)
	division      TEXT NOT NULL DEFAULT '',
	period_from   TEXT NOT NULL CHECK (length(period_from) = 10),
	period_to     TEXT NOT NULL CHECK (length(period_to) = 10),
	sample_size   INTEGER NOT NULL DEFAULT 0 CHECK (sample_size >= 0),
	sample_rate   INTEGER NOT NULL DEFAULT 0 CHECK (sample_rate BETWEEN 0 AND 100),
	rubric        TEXT NOT NULL,           -- the rubric's text, fixed at creation
	seed          TEXT NOT NULL DEFAULT '', -- hex, set once when drawn
	method        INTEGER NOT NULL DEFAULT 0,
	population    TEXT NOT NULL DEFAULT '', -- what was drawn from (docs)
	status        TEXT NOT NULL CHECK (status IN ('open', 'drawn', 'closed')),
	created_by    INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);

-- The seed, once set, and the population never change.
CREATE TRIGGER eval_rounds_keep_draw BEFORE UPDATE ON eval_rounds
WHEN OLD.seed <> '' AND (NEW.seed IS NOT OLD.seed OR NEW.population IS NOT OLD.population
	OR NEW.rubric IS NOT OLD.rubric OR NEW.period_from IS NOT OLD.period_from
	OR NEW.period_to IS NOT OLD.period_to)
BEGIN
	SELECT RAISE(ABORT, '抽样结果已记录，不能修改');
END;

CREATE TABLE eval_round_agencies (
	round_id  INTEGER NOT NULL REFERENCES eval_rounds (id),
	agency_id INTEGER NOT NULL REFERENCES agencies (id),
	PRIMARY KEY (round_id, agency_id)
) WITHOUT ROWID;

CREATE TABLE eval_files (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES eval_rounds (id),
	agency_id    INTEGER NOT NULL REFERENCES agencies (id),
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	case_number  TEXT NOT NULL,
	draw_order   INTEGER NOT NULL CHECK (draw_order >= 1),
	evaluator_id INTEGER NOT NULL DEFAULT 0,
	form         INTEGER NOT NULL DEFAULT 0,
	content      INTEGER NOT NULL DEFAULT 0,
	total        INTEGER NOT NULL DEFAULT 0,
	vetoed       INTEGER NOT NULL DEFAULT 0,
	grade        TEXT NOT NULL DEFAULT '' CHECK (grade IN ('', 'excellent', 'pass', 'fail')),
	scored_on    TEXT NOT NULL DEFAULT '',
	UNIQUE (round_id, case_id)
);
CREATE INDEX eval_files_evaluator ON eval_files (evaluator_id) WHERE evaluator_id > 0;

-- A score stands once given.
CREATE TRIGGER eval_files_score_once BEFORE UPDATE ON eval_files
WHEN OLD.grade <> '' AND (NEW.grade IS NOT OLD.grade OR NEW.total IS NOT OLD.total
	OR NEW.evaluator_id IS NOT OLD.evaluator_id)
BEGIN
	SELECT RAISE(ABORT, '案卷已评分，不能修改');
END;

CREATE TABLE eval_marks (
	file_id INTEGER NOT NULL REFERENCES eval_files (id),
	code    TEXT NOT NULL,
	lost    INTEGER NOT NULL CHECK (lost >= 0),
	veto    INTEGER NOT NULL DEFAULT 0,
	note    TEXT NOT NULL DEFAULT '',
	UNIQUE (file_id, code)
);

CREATE TRIGGER eval_marks_no_update BEFORE UPDATE ON eval_marks
BEGIN
	SELECT RAISE(ABORT, '评分记录只能追加，不能修改');
END;
CREATE TRIGGER eval_marks_no_delete BEFORE DELETE ON eval_marks
BEGIN
	SELECT RAISE(ABORT, '评分记录只能追加，不能修改');
END;

CREATE TABLE check_plans (
	id         INTEGER PRIMARY KEY,
	year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
	title      TEXT NOT NULL CHECK (title <> ''),
	division   TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);

CREATE TABLE check_items (
	id        INTEGER PRIMARY KEY,
	plan_id   INTEGER NOT NULL REFERENCES check_plans (id),
	agency_id INTEGER NOT NULL REFERENCES agencies (id),
	subject   TEXT NOT NULL CHECK (subject <> ''),
	month     INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
	finding   TEXT NOT NULL DEFAULT '',
	found_on  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX check_items_plan ON check_items (plan_id);

CREATE TRIGGER check_items_finding_once BEFORE UPDATE ON check_items
WHEN OLD.found_on <> '' AND (NEW.finding IS NOT OLD.finding OR NEW.found_on IS NOT OLD.found_on)
BEGIN
	SELECT RAISE(ABORT, '检查结果已记录，不能修改');
END;

CREATE TABLE rect_notices (
	id            INTEGER PRIMARY KEY,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	source        TEXT NOT NULL CHECK (source IN ('evaluation', 'check')),
	source_id     INTEGER NOT NULL,  -- the round's or the check item's id
	findings      TEXT NOT NULL CHECK (findings <> ''),
	issued_on     TEXT NOT NULL CHECK (length(issued_on) = 10),
	budget        INTEGER NOT NULL CHECK (budget > 0),
	unit          INTEGER NOT NULL CHECK (unit IN (1, 2)), -- enum clock_unit
	status        TEXT NOT NULL CHECK (status IN ('issued', 'answered', 'returned', 'closed')),
	report        TEXT NOT NULL DEFAULT '',
	answered_on   TEXT NOT NULL DEFAULT '',
	first_answered_on TEXT NOT NULL DEFAULT '',
	return_reason TEXT NOT NULL DEFAULT '',
	closed_on     TEXT NOT NULL DEFAULT '',
	created_by    INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);
CREATE INDEX rect_notices_agency ON rect_notices (agency_id, status);

CREATE TRIGGER rect_notices_keep_issue BEFORE UPDATE ON rect_notices
WHEN NEW.agency_id IS NOT OLD.agency_id OR NEW.issued_on IS NOT OLD.issued_on
	OR NEW.findings IS NOT OLD.findings OR NEW.budget IS NOT OLD.budget
	OR NEW.source IS NOT OLD.source OR NEW.source_id IS NOT OLD.source_id
	OR OLD.status = 'closed'
BEGIN
	SELECT RAISE(ABORT, '整改通知已发出，不能修改');
END;

CREATE TABLE oversight_records (
	id         INTEGER PRIMARY KEY,
	subject    TEXT NOT NULL,   -- eval_round, eval_file, check_item, notice
	subject_id INTEGER NOT NULL,
	action     TEXT NOT NULL,   -- draw, assign, score, close, finding, issue ...
	on_day     TEXT NOT NULL CHECK (length(on_day) = 10),
	at         INTEGER NOT NULL,
	actor_id   INTEGER NOT NULL DEFAULT 0,
	actor      TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX oversight_records_subject ON oversight_records (subject, subject_id);

CREATE TRIGGER oversight_records_no_update BEFORE UPDATE ON oversight_records
BEGIN
	SELECT RAISE(ABORT, '监督记录只能追加，不能修改');
END;
CREATE TRIGGER oversight_records_no_delete BEFORE DELETE ON oversight_records
BEGIN
	SELECT RAISE(ABORT, '监督记录只能追加，不能修改');
END;
CREATE TRIGGER oversight_records_no_replace BEFORE INSERT ON oversight_records
WHEN EXISTS (SELECT 1 FROM oversight_records WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '监督记录只能追加，不能修改');
END;
