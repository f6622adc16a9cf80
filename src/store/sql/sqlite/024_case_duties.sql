-- 024_case_duties.sql - what a case list shows of each case's deadlines,
-- kept with the derived status (010, app/case_status.c) in the
-- transaction of every step and on each later day: one row per duty
-- that runs or stands still (a party's own period is not a duty), its
-- due date, whether it is overdue or provisional (暂定). The list page
-- draws its badges from these rows instead of computing each case's
-- clocks; the case page still computes them and shows how. Derived,
-- never evidence: rewritten freely, outside the ledger.
CREATE TABLE IF NOT EXISTS case_duties (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  ord INTEGER NOT NULL,                 -- the clock's place in its definition
  clock TEXT NOT NULL,                  -- the definition's clock id
  due TEXT NOT NULL,                    -- YYYY-MM-DD
  running INTEGER NOT NULL DEFAULT 1,   -- 0: suspended (中止), its due date moves
  overdue INTEGER NOT NULL DEFAULT 0,   -- past due on case_status.computed_on
  provisional INTEGER NOT NULL DEFAULT 0, -- a year of the calendar is missing
  PRIMARY KEY (case_id, ord)
) WITHOUT ROWID;

-- The status filters of a list are checked per case of the scope
-- (sqlite_case.c writes them as +s.computed_on, so that the planner walks
-- the scope's cases in id order - a page stops after its rows - instead
-- of every status of the day followed by a sort).

-- The open cases by the earliest day a running duty falls due: the
-- "due within three working days" and "overdue" lists and counts read
-- a range of it instead of every case.
CREATE INDEX IF NOT EXISTS case_status_next_due ON case_status(next_due) WHERE next_due <> '';

-- A status that needs no daily refresh - a closed case that owes
-- nothing outliving its closing (no supervision act unanswered, no
-- filing due) - is written as of 9999-12-31 (it holds for every day):
-- the refresh reads only statuses of an earlier day than today through
-- case_status_day (010), so when all are fresh the check reads nothing,
-- however many cases there are.
-- Every case has a status row from its insertion on (sqlite_case.c), so
-- that "missing" is never a scan of every case: the cases that lack one
-- get one, of no day.
INSERT INTO case_status (case_id, computed_on)
  SELECT id, '0001-01-01' FROM cases WHERE id NOT IN (SELECT case_id FROM case_status);

-- Back-fill: the duties of existing cases are computed by the engine,
-- which SQL cannot do; every status is marked as of an earlier day, so
-- the server's refresh job (at start and every 5 minutes) and the first
-- list that shows a case compute it again, duties included.
UPDATE case_status SET computed_on = '0001-01-01';
