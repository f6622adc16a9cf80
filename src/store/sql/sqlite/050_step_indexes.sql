-- 050_step_indexes.sql - two indexes that every case step wrote a page
-- of and that no query reads (EXPLAIN QUERY PLAN over the store's SQL,
-- docs/PERFORMANCE.md "Appends"). Dropping an index changes no row;
-- IF EXISTS makes the migration safe to run again.

-- case_events_step (step): case_events_step_on (step, on_date) begins
-- with the same column, and every query that looked events up by step
-- (the draws, the comment periods, the decision catalogue, the
-- statistics) searches it with the same equality; the consultation
-- periods' "first close after the opening" now searches the case's own
-- events (case_id) instead of every matter's closings.
DROP INDEX IF EXISTS case_events_step;

-- audit_log_actor (actor): the one filter on the actor's name is
-- "l.actor = :actor OR u.display_name = :actor", an OR across the join
-- with users that no index of audit_log can serve (the plan scans
-- audit_log with or without it); the auditor's filters by account
-- (audit_log_actor_id), action, object and time keep their indexes.
DROP INDEX IF EXISTS audit_log_actor;
