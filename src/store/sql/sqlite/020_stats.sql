-- 020_stats.sql - what the statistics read (app/stats.c, store/sqlite_stats.c):
-- events of given steps within a period, grouped in the database. Steps
-- and dates together let a year's decisions be found by one index range
-- per step instead of every event of the step since the start.
CREATE INDEX case_events_step_on ON case_events (step, on_date);

-- Corrections are few: a partial index finds the corrections of an event
-- at once, so that reading a field "as corrected" costs a probe, not a
-- walk over the case's events.
CREATE INDEX case_events_corrects ON case_events (corrects) WHERE corrects IS NOT NULL;
