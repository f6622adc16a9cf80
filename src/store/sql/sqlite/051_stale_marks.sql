-- 051_stale_marks.sql - the marks of a case to judge again (045) written
-- as an upsert of one row: "INSERT ... SELECT NEW.id WHERE NOT EXISTS
-- (SELECT 1 FROM indicator_stale ...)" reads the table it writes, so
-- SQLite copied its row through a temporary B-tree, opened and dropped
-- on every step, every change of a case and every document
-- (docs/PERFORMANCE.md "Appends"). ON CONFLICT DO NOTHING is not
-- overridden by an outer statement's conflict clause (an upsert's own
-- clause takes precedence over it), which 045 feared of OR IGNORE. The
-- marks themselves are the same; the two triggers on certificates,
-- which mark many cases from one query and run rarely, stay.

DROP TRIGGER IF EXISTS indicator_stale_event;
CREATE TRIGGER indicator_stale_event AFTER INSERT ON case_events
BEGIN
	INSERT INTO indicator_stale (case_id) VALUES (NEW.case_id) ON CONFLICT DO NOTHING;
END;

DROP TRIGGER IF EXISTS indicator_stale_case_new;
CREATE TRIGGER indicator_stale_case_new AFTER INSERT ON cases
BEGIN
	INSERT INTO indicator_stale (case_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;

DROP TRIGGER IF EXISTS indicator_stale_case;
CREATE TRIGGER indicator_stale_case AFTER UPDATE ON cases
BEGIN
	INSERT INTO indicator_stale (case_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;

DROP TRIGGER IF EXISTS indicator_stale_document;
CREATE TRIGGER indicator_stale_document AFTER INSERT ON documents
BEGIN
	INSERT INTO indicator_stale (case_id) VALUES (NEW.case_id) ON CONFLICT DO NOTHING;
END;

DROP TRIGGER IF EXISTS indicator_stale_publication;
CREATE TRIGGER indicator_stale_publication AFTER INSERT ON publications
BEGIN
	INSERT INTO indicator_stale (case_id) VALUES (NEW.case_id) ON CONFLICT DO NOTHING;
END;

DROP TRIGGER IF EXISTS indicator_stale_publication_update;
CREATE TRIGGER indicator_stale_publication_update AFTER UPDATE ON publications
BEGIN
	INSERT INTO indicator_stale (case_id) VALUES (NEW.case_id) ON CONFLICT DO NOTHING;
END;
