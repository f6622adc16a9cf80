-- 045_indicator_facts.sql - the supervision indicators' judged facts kept
-- beside the record (app/indicators_facts.c, store/sqlite_indicators_facts.c,
-- docs/STATISTICS.md "How the indicators are kept"): for each enforcement
-- case, what the engine's rules judged of it that does not depend on today
-- (the standing decision's day, whether it needed and had its legal review,
-- its filing and publication clocks, handling days, the file at closing,
-- each step that needs two certified officers), so that a city's or a
-- province's indicators are summed from rows instead of judged case by
-- case. The record stays the source of truth: every write that can change
-- a judgement marks the case stale here in the same statement (triggers
-- below), and a stale case is judged again, with the same rules, before
-- any indicator that covers it is read (and in the background by the
-- server's scheduled job). Nothing here is append-only: it is derived.

-- One row per judged enforcement case (matters are judged when read).
-- Dates are YYYY-MM-DD or '' (none); flags 0/1. Clustered by agency (a
-- case never changes agency: cases_keep_identity), so that a scope reads
-- its agencies' rows as ranges, not the cases table.
CREATE TABLE IF NOT EXISTS indicator_cases (
	agency_id       INTEGER NOT NULL,
	case_id         INTEGER NOT NULL REFERENCES cases (id),
	open            INTEGER NOT NULL,           -- not closed when judged
	decided_on      TEXT NOT NULL DEFAULT '', -- the standing decision's day
	review_needed   INTEGER NOT NULL DEFAULT 0,
	reviewed        INTEGER NOT NULL DEFAULT 0, -- approved before it
	filing_due      TEXT NOT NULL DEFAULT '', -- '' no filing clock runs
	filing_done     INTEGER NOT NULL DEFAULT 0,
	filing_on_time  INTEGER NOT NULL DEFAULT 0,
	handling_days   INTEGER NOT NULL DEFAULT -1, -- -1: no handling clock
	pub_on          TEXT NOT NULL DEFAULT '', -- the day it counts by
	pub_due         TEXT NOT NULL DEFAULT '',
	pub_done        INTEGER NOT NULL DEFAULT 0,
	pub_on_time     INTEGER NOT NULL DEFAULT 0,
	withdrawn_on    TEXT NOT NULL DEFAULT '',
	withdrawal_days INTEGER NOT NULL DEFAULT -1,
	closed_on       TEXT NOT NULL DEFAULT '', -- the closing step's day
	complete        INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (agency_id, case_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS indicator_cases_case ON indicator_cases (case_id);

-- The steps that need two certified officers, one row each, by agency
-- and day.
CREATE TABLE IF NOT EXISTS indicator_steps (
	agency_id INTEGER NOT NULL,
	on_date   TEXT NOT NULL,
	event_id  INTEGER NOT NULL,
	case_id   INTEGER NOT NULL REFERENCES cases (id),
	certified INTEGER NOT NULL, -- two or more certified officers
	PRIMARY KEY (agency_id, on_date, event_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS indicator_steps_case ON indicator_steps (case_id);

-- The cases to judge (again) before their facts are read.
CREATE TABLE IF NOT EXISTS indicator_stale (
	case_id INTEGER PRIMARY KEY
);

-- What can change a judgement: a new case (open, with no step yet); a
-- step (events, corrections included); the case itself (closed, domain); its documents (the file at closing); its
-- publications (a withheld one is not due); the certificates and kind of
-- an officer who took part in a step (two certified officers). A new
-- holiday calendar (every due day and working-day count) marks every case,
-- once per load, in the load's transaction (app_calendar_apply ->
-- indicator_stale_all), not here: a load writes hundreds of days. The
-- marks are written with NOT EXISTS rather than OR IGNORE, which an outer
-- statement's conflict clause (an upsert) would override.
CREATE TRIGGER IF NOT EXISTS indicator_stale_event AFTER INSERT ON case_events
BEGIN
	INSERT INTO indicator_stale (case_id) SELECT NEW.case_id
		WHERE NOT EXISTS (SELECT 1 FROM indicator_stale WHERE case_id = NEW.case_id);
END;
CREATE TRIGGER IF NOT EXISTS indicator_stale_case_new AFTER INSERT ON cases
BEGIN
	INSERT INTO indicator_stale (case_id) SELECT NEW.id
		WHERE NOT EXISTS (SELECT 1 FROM indicator_stale WHERE case_id = NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS indicator_stale_case AFTER UPDATE ON cases
BEGIN
	INSERT INTO indicator_stale (case_id) SELECT NEW.id
		WHERE NOT EXISTS (SELECT 1 FROM indicator_stale WHERE case_id = NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS indicator_stale_document AFTER INSERT ON documents
BEGIN
	INSERT INTO indicator_stale (case_id) SELECT NEW.case_id
		WHERE NOT EXISTS (SELECT 1 FROM indicator_stale WHERE case_id = NEW.case_id);
END;
CREATE TRIGGER IF NOT EXISTS indicator_stale_publication AFTER INSERT ON publications
BEGIN
	INSERT INTO indicator_stale (case_id) SELECT NEW.case_id
		WHERE NOT EXISTS (SELECT 1 FROM indicator_stale WHERE case_id = NEW.case_id);
END;
CREATE TRIGGER IF NOT EXISTS indicator_stale_publication_update AFTER UPDATE ON publications
BEGIN
	INSERT INTO indicator_stale (case_id) SELECT NEW.case_id
		WHERE NOT EXISTS (SELECT 1 FROM indicator_stale WHERE case_id = NEW.case_id);
END;
CREATE TRIGGER IF NOT EXISTS indicator_stale_certificate AFTER INSERT ON certificates
BEGIN
	INSERT INTO indicator_stale (case_id)
		SELECT DISTINCT e.case_id FROM case_event_officers o
		JOIN case_events e ON e.id = o.event_id WHERE o.person_id = NEW.person_id
		AND NOT EXISTS (SELECT 1 FROM indicator_stale x WHERE x.case_id = e.case_id);
END;
CREATE TRIGGER IF NOT EXISTS indicator_stale_certificate_update AFTER UPDATE ON certificates
BEGIN
	INSERT INTO indicator_stale (case_id)
		SELECT DISTINCT e.case_id FROM case_event_officers o
		JOIN case_events e ON e.id = o.event_id
		WHERE o.person_id IN (NEW.person_id, OLD.person_id)
		AND NOT EXISTS (SELECT 1 FROM indicator_stale x WHERE x.case_id = e.case_id);
END;
CREATE TRIGGER IF NOT EXISTS indicator_stale_person AFTER UPDATE OF kind ON people
WHEN NEW.kind IS NOT OLD.kind
BEGIN
	INSERT INTO indicator_stale (case_id)
		SELECT DISTINCT e.case_id FROM case_event_officers o
		JOIN case_events e ON e.id = o.event_id WHERE o.person_id = NEW.id
		AND NOT EXISTS (SELECT 1 FROM indicator_stale x WHERE x.case_id = e.case_id);
END;

-- The backfill: every case recorded so far is to be judged. Marking is one
-- insert per case (seconds at a province's 10^6); the judging itself is
-- done by the server's scheduled job in short transactions, and by any
-- reader for the stale cases in its own scope, never at start-up. Running
-- this again marks them again: they are judged again to the same facts.
INSERT OR IGNORE INTO indicator_stale (case_id) SELECT id FROM cases;
