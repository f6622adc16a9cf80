-- 010_case_status.sql - what lists, work queues and workbenches need of
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

-- The tables of the checkpoints, witnesses and interior nodes (008) are
-- append-only like the rest of the ledger (007): a REPLACE or UPSERT that
-- would take the place of an existing row is refused before it can
-- delete it.
CREATE TRIGGER ledger_nodes_no_replace BEFORE INSERT ON ledger_nodes
WHEN EXISTS (SELECT 1 FROM ledger_nodes WHERE level = NEW.level AND idx = NEW.idx)
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能替换');
END;

CREATE TRIGGER ledger_cosignatures_no_replace BEFORE INSERT ON ledger_cosignatures
WHEN EXISTS (SELECT 1 FROM ledger_cosignatures WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能替换');
END;

CREATE TRIGGER ledger_cosignatures_taken BEFORE INSERT ON ledger_cosignatures
WHEN EXISTS (SELECT 1 FROM ledger_cosignatures WHERE checkpoint_id = NEW.checkpoint_id
             AND name = NEW.name AND key_id = NEW.key_id)
BEGIN
	SELECT RAISE(ABORT, '该见证方对此检查点的副署已收到');
END;

CREATE TRIGGER ledger_key_rotations_no_replace BEFORE INSERT ON ledger_key_rotations
WHEN EXISTS (SELECT 1 FROM ledger_key_rotations WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能替换');
END;

CREATE TRIGGER ledger_timestamps_no_replace BEFORE INSERT ON ledger_timestamps
WHEN EXISTS (SELECT 1 FROM ledger_timestamps WHERE checkpoint_id = NEW.checkpoint_id)
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能替换');
END;
