-- 008_case_status.sql - what lists, work queues and workbenches need of
-- each case without reading its record: derived from the events by the
-- engine (app/case_status.c) when a step commits and again on each later
-- day the case is looked at (computed_on is that day). Derived, never
-- evidence: rewritten freely, outside the ledger.
CREATE TABLE case_status (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  computed_on TEXT NOT NULL,          -- YYYY-MM-DD: the day it holds for
  next_due TEXT NOT NULL DEFAULT '',  -- earliest due date of a running duty
  next_due_clock TEXT NOT NULL DEFAULT '',
  overdue INTEGER NOT NULL DEFAULT 0, -- a duty past its due date on computed_on
  overdue_clock TEXT NOT NULL DEFAULT '', -- the first such duty and its due date
  overdue_due TEXT NOT NULL DEFAULT '',
  awaits_roles INTEGER NOT NULL DEFAULT 0, -- role bits the case waits for now
  awaits_officer TEXT NOT NULL DEFAULT '',  -- the step each role is to take
  awaits_reviewer TEXT NOT NULL DEFAULT '',
  awaits_head TEXT NOT NULL DEFAULT '',
  awaits_supervisor TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_status_day ON case_status(computed_on);

-- The server's scheduled jobs (the daily status refresh ...): each run,
-- when it started, how long it took, how many items it did and how it
-- ended; the system administrator sees the latest of each.
CREATE TABLE job_runs (
  id INTEGER PRIMARY KEY,
  job TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
  items INTEGER NOT NULL DEFAULT 0,
  ok INTEGER NOT NULL,
  message TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_runs_job ON job_runs(job, id);
