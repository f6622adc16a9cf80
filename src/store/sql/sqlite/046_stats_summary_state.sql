-- 046_stats_summary_state.sql - how far the statistics' summary (036) has
-- been built from the record (store/sqlite_stats_backfill.c), and its
-- month cells rolled up to years for the annual table (below). One row:
-- built 1, the summary holds every event; built 0, the server's scheduler
-- is filling it case by case in order of case id, and upto is the
-- highest case id filled so far (cases_done of them). Until it is built
-- the statistics are counted from the record (exact, slower), and the
-- event path keeps the summary only for cases up to upto: the cases
-- above are filled later from the record, their new events with them.
CREATE TABLE IF NOT EXISTS stats_summary_state (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	built      INTEGER NOT NULL CHECK (built IN (0, 1)),
	upto       INTEGER NOT NULL,
	cases_done INTEGER NOT NULL
);

-- Where 036 once rebuilt the summary as it ran, it is whole: every event
-- that is not a correction has a cell. Where 036 only created the tables
-- (a database upgraded across both) events are recorded and no cell is:
-- the summary is still to be built. A fresh database has neither and is
-- built. Run again, the row stays as it is.
INSERT OR IGNORE INTO stats_summary_state (id, built, upto, cases_done)
SELECT 1,
	CASE WHEN EXISTS (SELECT 1 FROM case_events WHERE corrects IS NULL)
	AND NOT EXISTS (SELECT 1 FROM stats_event_cells) THEN 0 ELSE 1 END,
	0, 0;

-- The month cells rolled up to the calendar year, per agency: the
-- annual table reads one row per agency and cell instead of twelve
-- (store/sqlite_stats.c). Kept by the triggers below from the month
-- cells whatever writes them (the event path, the backfill); the month
-- cells change only by their n (and are deleted only at n = 0, or all at
-- once with these by stats_summary_reset), so an insert and an update of
-- n are all there is to follow. A year cell that falls to 0 goes.
CREATE TABLE IF NOT EXISTS stats_event_years (
	agency_id INTEGER NOT NULL,
	step      TEXT NOT NULL,
	year      TEXT NOT NULL,              -- YYYY
	kind      INTEGER NOT NULL,
	outcome   TEXT NOT NULL,
	rkind     TEXT NOT NULL,
	n         INTEGER NOT NULL,
	PRIMARY KEY (agency_id, step, year, kind, outcome, rkind)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS stats_decision_years (
	agency_id INTEGER NOT NULL,
	year      TEXT NOT NULL,
	penalty   TEXT NOT NULL,
	bucket    INTEGER NOT NULL,
	n         INTEGER NOT NULL,
	fine      INTEGER NOT NULL,
	conf      INTEGER NOT NULL,
	PRIMARY KEY (agency_id, year, penalty, bucket)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS stats_event_years_insert AFTER INSERT ON stats_event_cells
WHEN new.span = 'M'
BEGIN
	INSERT INTO stats_event_years (agency_id, step, year, kind, outcome, rkind, n)
	VALUES (new.agency_id, new.step, substr(new.period, 1, 4), new.kind, new.outcome,
		new.rkind, new.n)
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER IF NOT EXISTS stats_event_years_update AFTER UPDATE OF n ON stats_event_cells
WHEN new.span = 'M'
BEGIN
	INSERT INTO stats_event_years (agency_id, step, year, kind, outcome, rkind, n)
	VALUES (new.agency_id, new.step, substr(new.period, 1, 4), new.kind, new.outcome,
		new.rkind, new.n - old.n)
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM stats_event_years WHERE n = 0 AND agency_id = new.agency_id
		AND step = new.step AND year = substr(new.period, 1, 4) AND kind = new.kind
		AND outcome = new.outcome AND rkind = new.rkind;
END;

CREATE TRIGGER IF NOT EXISTS stats_decision_years_insert AFTER INSERT ON stats_decision_cells
WHEN new.span = 'M'
BEGIN
	INSERT INTO stats_decision_years (agency_id, year, penalty, bucket, n, fine, conf)
	VALUES (new.agency_id, substr(new.period, 1, 4), new.penalty, new.bucket, new.n,
		new.fine, new.conf)
	ON CONFLICT DO UPDATE SET n = n + excluded.n, fine = fine + excluded.fine,
		conf = conf + excluded.conf;
END;

CREATE TRIGGER IF NOT EXISTS stats_decision_years_update
AFTER UPDATE OF n, fine, conf ON stats_decision_cells
WHEN new.span = 'M'
BEGIN
	INSERT INTO stats_decision_years (agency_id, year, penalty, bucket, n, fine, conf)
	VALUES (new.agency_id, substr(new.period, 1, 4), new.penalty, new.bucket,
		new.n - old.n, new.fine - old.fine, new.conf - old.conf)
	ON CONFLICT DO UPDATE SET n = n + excluded.n, fine = fine + excluded.fine,
		conf = conf + excluded.conf;
	DELETE FROM stats_decision_years WHERE n = 0 AND agency_id = new.agency_id
		AND year = substr(new.period, 1, 4) AND penalty = new.penalty
		AND bucket = new.bucket;
END;

-- Filled from the month cells as they are (a summary built, or filled in
-- part); rebuilt whole each time this file runs, so never doubled.
DELETE FROM stats_event_years;
DELETE FROM stats_decision_years;
INSERT INTO stats_event_years (agency_id, step, year, kind, outcome, rkind, n)
SELECT agency_id, step, substr(period, 1, 4), kind, outcome, rkind, sum(n)
FROM stats_event_cells WHERE span = 'M' GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO stats_decision_years (agency_id, year, penalty, bucket, n, fine, conf)
SELECT agency_id, substr(period, 1, 4), penalty, bucket, sum(n), sum(fine), sum(conf)
FROM stats_decision_cells WHERE span = 'M' GROUP BY 1, 2, 3, 4;
