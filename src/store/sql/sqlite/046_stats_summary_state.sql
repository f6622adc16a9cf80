-- 046_stats_summary_state.sql - how far the statistics' summary (036) has
-- been built from the record (store/sqlite_stats_backfill.c). One row:
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
