-- 036_stats_summary.sql - the statistics' summary kept beside the record
-- (store/sqlite_stats.c, docs/STATISTICS.md "How the figures are kept"):
-- counts and sums per agency, month (span 'M') and day (span 'D'), so
-- that a year is read as agencies x months x steps rows whatever the
-- number of cases. The record (case_events and its fields) stays the
-- source of truth: these tables are derived from it, written only by the
-- store's event path (sq_case_event_append -> sq_stats_note_event) in the
-- same transaction as the event, and by the background backfill (see the
-- end of this file) for the events recorded before. They carry no append-only triggers: a decision leaves its
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

-- No backfill here. This file once rebuilt the summary from the record
-- as it ran: on a province (10^6 cases, 7 x 10^6 events) that held the
-- server's start for some 16 minutes. Databases where that text ran have
-- the summary whole; on the others these tables start empty and the
-- server's scheduler fills them in batches of cases in the background
-- (046_stats_summary_state.sql, store/sqlite_stats_backfill.c).
