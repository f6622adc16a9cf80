-- 036_stats_summary.sql - the statistics' summary kept beside the record
-- (store/sqlite_stats.c, docs/STATISTICS.md "How the figures are kept"):
-- counts and sums per agency, month (span 'M') and day (span 'D'), so
-- that a year is read as agencies x months x steps rows whatever the
-- number of cases. The record (case_events and its fields) stays the
-- source of truth: these tables are derived from it, written only by the
-- store's event path (sq_case_event_append -> sq_stats_note_event) in the
-- same transaction as the event, and rebuilt here from the events already
-- recorded. They carry no append-only triggers: a decision leaves its
-- cell when a later step voids it, an event moves to another cell when a
-- correction changes the field it is counted under.

-- Events that are not corrections, by the case's agency and kind, step,
-- and the values (as corrected) of their fields "outcome" (permits) and
-- "kind" (remedies): the two fields the statistics split counts by.
CREATE TABLE IF NOT EXISTS stats_event_cells (
	agency_id INTEGER NOT NULL,
	step      TEXT NOT NULL,
	span      TEXT NOT NULL CHECK (span IN ('M', 'D')),
	period    TEXT NOT NULL,              -- YYYY-MM ('M') or YYYY-MM-DD ('D')
	kind      INTEGER NOT NULL,           -- the case's kind
	outcome   TEXT NOT NULL,
	rkind     TEXT NOT NULL,
	n         INTEGER NOT NULL,
	PRIMARY KEY (agency_id, step, span, period, kind, outcome, rkind)
) WITHOUT ROWID;

-- The decisions that still stand (no later decision, revocation or
-- remedy setting it aside in their case), one row each, with the fields
-- they are counted under as corrected. fine and conf in fen, converted
-- as the statistics have always converted the yuan written ("5000.5" ->
-- 500050; '' and text -> 0). bucket: the fine's step on the grid 1, 2, 5
-- x 10^k fen (-1: no fine), so that any fine bands whose bounds lie on
-- that grid are counted exactly from the cells.
CREATE TABLE IF NOT EXISTS stats_decisions (
	event_id  INTEGER PRIMARY KEY,
	case_id   INTEGER NOT NULL,
	agency_id INTEGER NOT NULL,
	on_date   TEXT NOT NULL,
	penalty   TEXT NOT NULL,
	fine      INTEGER NOT NULL,
	conf      INTEGER NOT NULL,
	bucket    INTEGER GENERATED ALWAYS AS (CASE WHEN fine <= 0 THEN -1 ELSE
		(CASE WHEN CAST(substr(fine, 1, 1) AS INTEGER) >= 5 THEN 5
		      WHEN CAST(substr(fine, 1, 1) AS INTEGER) >= 2 THEN 2 ELSE 1 END)
		* CAST('1' || substr('000000000000000000000', 1, length(fine) - 1) AS INTEGER)
		END) STORED
);
CREATE INDEX IF NOT EXISTS stats_decisions_case ON stats_decisions (case_id);

-- The standing decisions summed by agency, period, penalty kinds as
-- written and fine bucket.
CREATE TABLE IF NOT EXISTS stats_decision_cells (
	agency_id INTEGER NOT NULL,
	span      TEXT NOT NULL CHECK (span IN ('M', 'D')),
	period    TEXT NOT NULL,
	penalty   TEXT NOT NULL,
	bucket    INTEGER NOT NULL,
	n         INTEGER NOT NULL,
	fine      INTEGER NOT NULL,
	conf      INTEGER NOT NULL,
	PRIMARY KEY (agency_id, span, period, penalty, bucket)
) WITHOUT ROWID;

-- The open cases of an agency, and which of them are overdue, for the
-- dashboard, by index (sq_stats_open_counts).
CREATE INDEX IF NOT EXISTS cases_open_agency ON cases (agency_id) WHERE closed = 0;
CREATE INDEX IF NOT EXISTS case_status_overdue ON case_status (case_id) WHERE overdue <> 0;

-- Backfill: rebuilt whole from the record, so running this file again
-- gives the same counts, never double ones.
DELETE FROM stats_event_cells;
DELETE FROM stats_decision_cells;
DELETE FROM stats_decisions;

INSERT INTO stats_event_cells (agency_id, step, span, period, kind, outcome, rkind, n)
SELECT agency_id, step, 'D', on_date, kind, outcome, rkind, count(*) FROM (
	SELECT c.agency_id AS agency_id, e.step AS step, e.on_date AS on_date, c.kind AS kind,
	coalesce((SELECT f.value FROM case_events k JOIN case_event_fields f
		ON f.event_id = k.id AND f.key = 'outcome' AND f.value <> ''
		WHERE k.corrects = e.id AND k.corrects IS NOT NULL ORDER BY k.seq DESC LIMIT 1),
		(SELECT f.value FROM case_event_fields f WHERE f.event_id = e.id AND f.key = 'outcome'),
		'') AS outcome,
	coalesce((SELECT f.value FROM case_events k JOIN case_event_fields f
		ON f.event_id = k.id AND f.key = 'kind' AND f.value <> ''
		WHERE k.corrects = e.id AND k.corrects IS NOT NULL ORDER BY k.seq DESC LIMIT 1),
		(SELECT f.value FROM case_event_fields f WHERE f.event_id = e.id AND f.key = 'kind'),
		'') AS rkind
	FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.corrects IS NULL)
GROUP BY 1, 2, 4, 5, 6, 7;

INSERT INTO stats_event_cells (agency_id, step, span, period, kind, outcome, rkind, n)
SELECT agency_id, step, 'M', substr(period, 1, 7), kind, outcome, rkind, sum(n)
FROM stats_event_cells WHERE span = 'D' GROUP BY 1, 2, 4, 5, 6, 7;

INSERT INTO stats_decisions (event_id, case_id, agency_id, on_date, penalty, fine, conf)
SELECT e.id, e.case_id, c.agency_id, e.on_date,
	coalesce((SELECT f.value FROM case_events k JOIN case_event_fields f
		ON f.event_id = k.id AND f.key = 'penalty' AND f.value <> ''
		WHERE k.corrects = e.id AND k.corrects IS NOT NULL ORDER BY k.seq DESC LIMIT 1),
		(SELECT f.value FROM case_event_fields f WHERE f.event_id = e.id AND f.key = 'penalty'),
		''),
	coalesce(CAST(round(CAST(nullif(coalesce((SELECT f.value FROM case_events k
		JOIN case_event_fields f ON f.event_id = k.id AND f.key = 'amount' AND f.value <> ''
		WHERE k.corrects = e.id AND k.corrects IS NOT NULL ORDER BY k.seq DESC LIMIT 1),
		(SELECT f.value FROM case_event_fields f WHERE f.event_id = e.id AND f.key = 'amount'),
		''), '') AS REAL) * 100) AS INTEGER), 0),
	coalesce(CAST(round(CAST(nullif(coalesce((SELECT f.value FROM case_events k
		JOIN case_event_fields f ON f.event_id = k.id AND f.key = 'confiscation' AND f.value <> ''
		WHERE k.corrects = e.id AND k.corrects IS NOT NULL ORDER BY k.seq DESC LIMIT 1),
		(SELECT f.value FROM case_event_fields f WHERE f.event_id = e.id AND f.key = 'confiscation'),
		''), '') AS REAL) * 100) AS INTEGER), 0)
FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE e.step IN ('decision', 'decide_on_spot') AND e.corrects IS NULL
AND NOT EXISTS (SELECT 1 FROM case_events l WHERE l.case_id = e.case_id AND l.seq > e.seq
	AND l.corrects IS NULL
	AND l.step IN ('decision', 'decide_on_spot', 'revoke_decision', 'remedy_set_aside'));

INSERT INTO stats_decision_cells (agency_id, span, period, penalty, bucket, n, fine, conf)
SELECT agency_id, 'D', on_date, penalty, bucket, count(*), sum(fine), sum(conf)
FROM stats_decisions GROUP BY 1, 3, 4, 5;

INSERT INTO stats_decision_cells (agency_id, span, period, penalty, bucket, n, fine, conf)
SELECT agency_id, 'M', substr(period, 1, 7), penalty, bucket, sum(n), sum(fine), sum(conf)
FROM stats_decision_cells WHERE span = 'D' GROUP BY 1, 3, 4, 5;
