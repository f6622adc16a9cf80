-- 052_todo_cells.sql - the workbench's counts (待我办理, 待审核, 待审批,
-- 即将到期, 已超期, 待答复事项, 逾期未答复, 逾期未归档) kept per agency and
-- status day beside case_status (010, 016, 024), so that a workbench
-- reads its agencies' cells rather than every case of its scope
-- (store/sqlite_case_status.c sq_case_todo_counts; issue 11 §1: at 10^5
-- open cases one agency's workbench summed 10^5 rows, 77-94 ms of CPU).
--
-- A cell counts the status rows of one agency and day that look alike
-- in what the counts ask: closed (the case's), the role bits awaited, the
-- earliest due date (kept only from the row's own day on: the count asks
-- for due dates from that day to a later one), overdue, acts open, acts
-- overdue and filing overdue (both as of the row's day). A closed case's
-- awaits, due date and overdue are kept as 0 / '': no count asks for
-- them. n is the number of rows. The workbench of day D sums the cells of
-- D; a row of another day (stale, invalidated, or settled as 9999-12-31)
-- is in another day's cell, as it was outside "computed_on = D".
--
-- Triggers keep the cells with every write of a status row and every
-- change of a case's closed flag, whoever writes them: the step, the
-- daily refresh, the calendar's invalidation, a migration. A cell that
-- falls to 0 is deleted (found by its whole key, as it was counted).
-- The key's expression is written out in each trigger, for NEW, OLD or
-- the status row: SQL has no function of a trigger's row to share, and a
-- view cannot see NEW or OLD. tests/store/todo_cells_test.c holds every
-- copy to the counts of before.
CREATE TABLE IF NOT EXISTS case_todo_cells (
	computed_on  TEXT NOT NULL,
	agency_id    INTEGER NOT NULL,
	closed       INTEGER NOT NULL,
	awaits_roles INTEGER NOT NULL,
	next_due     TEXT NOT NULL,
	overdue      INTEGER NOT NULL,
	acts         INTEGER NOT NULL,
	acts_late    INTEGER NOT NULL,
	filing_late  INTEGER NOT NULL,
	n            INTEGER NOT NULL,
	PRIMARY KEY (computed_on, agency_id, closed, awaits_roles, next_due, overdue, acts,
		     acts_late, filing_late)
) WITHOUT ROWID;

-- The cell of status row s of case c (columns in key order), as the
-- triggers below write it for NEW / OLD.
INSERT INTO case_todo_cells (computed_on, agency_id, closed, awaits_roles, next_due, overdue,
			     acts, acts_late, filing_late, n)
SELECT s.computed_on, c.agency_id, c.closed,
       CASE WHEN c.closed THEN 0 ELSE s.awaits_roles END,
       CASE WHEN c.closed OR s.next_due < s.computed_on THEN '' ELSE s.next_due END,
       c.closed = 0 AND s.overdue = 1, s.acts_open > 0,
       s.acts_open > 0 AND s.acts_due < s.computed_on,
       s.filing_due <> '' AND s.filing_due < s.computed_on, count(*)
FROM case_status s JOIN cases c ON c.id = s.case_id
WHERE NOT EXISTS (SELECT 1 FROM case_todo_cells)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

DROP TRIGGER IF EXISTS case_todo_status_insert;
CREATE TRIGGER case_todo_status_insert AFTER INSERT ON case_status
BEGIN
	INSERT INTO case_todo_cells (computed_on, agency_id, closed, awaits_roles, next_due,
				     overdue, acts, acts_late, filing_late, n)
	SELECT NEW.computed_on, c.agency_id, c.closed,
	       CASE WHEN c.closed THEN 0 ELSE NEW.awaits_roles END,
	       CASE WHEN c.closed OR NEW.next_due < NEW.computed_on THEN '' ELSE NEW.next_due END,
	       c.closed = 0 AND NEW.overdue = 1, NEW.acts_open > 0,
	       NEW.acts_open > 0 AND NEW.acts_due < NEW.computed_on,
	       NEW.filing_due <> '' AND NEW.filing_due < NEW.computed_on, 1
	FROM cases c WHERE c.id = NEW.case_id
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- Only when a column a cell is made of changed (most steps change no
-- status, and most statuses rewritten change none of these).
DROP TRIGGER IF EXISTS case_todo_status_update;
CREATE TRIGGER case_todo_status_update AFTER UPDATE ON case_status
WHEN OLD.computed_on IS NOT NEW.computed_on OR OLD.awaits_roles IS NOT NEW.awaits_roles
	OR OLD.next_due IS NOT NEW.next_due OR OLD.overdue IS NOT NEW.overdue
	OR OLD.acts_open IS NOT NEW.acts_open OR OLD.acts_due IS NOT NEW.acts_due
	OR OLD.filing_due IS NOT NEW.filing_due OR OLD.case_id IS NOT NEW.case_id
BEGIN
	UPDATE case_todo_cells SET n = n - 1
	WHERE (computed_on, agency_id, closed, awaits_roles, next_due, overdue, acts, acts_late,
	       filing_late) =
	      (SELECT OLD.computed_on, c.agency_id, c.closed,
		      CASE WHEN c.closed THEN 0 ELSE OLD.awaits_roles END,
		      CASE WHEN c.closed OR OLD.next_due < OLD.computed_on THEN ''
			   ELSE OLD.next_due END,
		      c.closed = 0 AND OLD.overdue = 1, OLD.acts_open > 0,
		      OLD.acts_open > 0 AND OLD.acts_due < OLD.computed_on,
		      OLD.filing_due <> '' AND OLD.filing_due < OLD.computed_on
	       FROM cases c WHERE c.id = OLD.case_id);
	DELETE FROM case_todo_cells
	WHERE n = 0 AND (computed_on, agency_id, closed, awaits_roles, next_due, overdue, acts,
			 acts_late, filing_late) =
	      (SELECT OLD.computed_on, c.agency_id, c.closed,
		      CASE WHEN c.closed THEN 0 ELSE OLD.awaits_roles END,
		      CASE WHEN c.closed OR OLD.next_due < OLD.computed_on THEN ''
			   ELSE OLD.next_due END,
		      c.closed = 0 AND OLD.overdue = 1, OLD.acts_open > 0,
		      OLD.acts_open > 0 AND OLD.acts_due < OLD.computed_on,
		      OLD.filing_due <> '' AND OLD.filing_due < OLD.computed_on
	       FROM cases c WHERE c.id = OLD.case_id);
	INSERT INTO case_todo_cells (computed_on, agency_id, closed, awaits_roles, next_due,
				     overdue, acts, acts_late, filing_late, n)
	SELECT NEW.computed_on, c.agency_id, c.closed,
	       CASE WHEN c.closed THEN 0 ELSE NEW.awaits_roles END,
	       CASE WHEN c.closed OR NEW.next_due < NEW.computed_on THEN '' ELSE NEW.next_due END,
	       c.closed = 0 AND NEW.overdue = 1, NEW.acts_open > 0,
	       NEW.acts_open > 0 AND NEW.acts_due < NEW.computed_on,
	       NEW.filing_due <> '' AND NEW.filing_due < NEW.computed_on, 1
	FROM cases c WHERE c.id = NEW.case_id
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

DROP TRIGGER IF EXISTS case_todo_status_delete;
CREATE TRIGGER case_todo_status_delete AFTER DELETE ON case_status
BEGIN
	UPDATE case_todo_cells SET n = n - 1
	WHERE (computed_on, agency_id, closed, awaits_roles, next_due, overdue, acts, acts_late,
	       filing_late) =
	      (SELECT OLD.computed_on, c.agency_id, c.closed,
		      CASE WHEN c.closed THEN 0 ELSE OLD.awaits_roles END,
		      CASE WHEN c.closed OR OLD.next_due < OLD.computed_on THEN ''
			   ELSE OLD.next_due END,
		      c.closed = 0 AND OLD.overdue = 1, OLD.acts_open > 0,
		      OLD.acts_open > 0 AND OLD.acts_due < OLD.computed_on,
		      OLD.filing_due <> '' AND OLD.filing_due < OLD.computed_on
	       FROM cases c WHERE c.id = OLD.case_id);
	DELETE FROM case_todo_cells
	WHERE n = 0 AND (computed_on, agency_id, closed, awaits_roles, next_due, overdue, acts,
			 acts_late, filing_late) =
	      (SELECT OLD.computed_on, c.agency_id, c.closed,
		      CASE WHEN c.closed THEN 0 ELSE OLD.awaits_roles END,
		      CASE WHEN c.closed OR OLD.next_due < OLD.computed_on THEN ''
			   ELSE OLD.next_due END,
		      c.closed = 0 AND OLD.overdue = 1, OLD.acts_open > 0,
		      OLD.acts_open > 0 AND OLD.acts_due < OLD.computed_on,
		      OLD.filing_due <> '' AND OLD.filing_due < OLD.computed_on
	       FROM cases c WHERE c.id = OLD.case_id);
END;

-- A case closed (or reopened by a correction) moves its status row's
-- count from one cell to the other. The agency of a case never changes
-- (cases_keep_identity, 003).
DROP TRIGGER IF EXISTS case_todo_case_closed;
CREATE TRIGGER case_todo_case_closed AFTER UPDATE OF closed ON cases
WHEN OLD.closed IS NOT NEW.closed
BEGIN
	UPDATE case_todo_cells SET n = n - 1
	WHERE (computed_on, agency_id, closed, awaits_roles, next_due, overdue, acts, acts_late,
	       filing_late) =
	      (SELECT s.computed_on, OLD.agency_id, OLD.closed,
		      CASE WHEN OLD.closed THEN 0 ELSE s.awaits_roles END,
		      CASE WHEN OLD.closed OR s.next_due < s.computed_on THEN ''
			   ELSE s.next_due END,
		      OLD.closed = 0 AND s.overdue = 1, s.acts_open > 0,
		      s.acts_open > 0 AND s.acts_due < s.computed_on,
		      s.filing_due <> '' AND s.filing_due < s.computed_on
	       FROM case_status s WHERE s.case_id = OLD.id);
	DELETE FROM case_todo_cells
	WHERE n = 0 AND (computed_on, agency_id, closed, awaits_roles, next_due, overdue, acts,
			 acts_late, filing_late) =
	      (SELECT s.computed_on, OLD.agency_id, OLD.closed,
		      CASE WHEN OLD.closed THEN 0 ELSE s.awaits_roles END,
		      CASE WHEN OLD.closed OR s.next_due < s.computed_on THEN ''
			   ELSE s.next_due END,
		      OLD.closed = 0 AND s.overdue = 1, s.acts_open > 0,
		      s.acts_open > 0 AND s.acts_due < s.computed_on,
		      s.filing_due <> '' AND s.filing_due < s.computed_on
	       FROM case_status s WHERE s.case_id = OLD.id);
	INSERT INTO case_todo_cells (computed_on, agency_id, closed, awaits_roles, next_due,
				     overdue, acts, acts_late, filing_late, n)
	SELECT s.computed_on, NEW.agency_id, NEW.closed,
	       CASE WHEN NEW.closed THEN 0 ELSE s.awaits_roles END,
	       CASE WHEN NEW.closed OR s.next_due < s.computed_on THEN '' ELSE s.next_due END,
	       NEW.closed = 0 AND s.overdue = 1, s.acts_open > 0,
	       s.acts_open > 0 AND s.acts_due < s.computed_on,
	       s.filing_due <> '' AND s.filing_due < s.computed_on, 1
	FROM case_status s WHERE s.case_id = NEW.id
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
