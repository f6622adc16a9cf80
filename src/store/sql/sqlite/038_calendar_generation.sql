-- 038_calendar_generation.sql - a stamp that every change to the holiday
-- calendar draws anew (triggers on calendar_years and calendar_days), so
-- that a connection may keep the calendar it read and reuse it while the
-- stamp read with it is unchanged (sqlite_calendar.c): a case step reads
-- the calendar in its write transaction, and reading its 300 rows each
-- time was a seventh of the step's work. A random stamp, not a counter:
-- a change rolled back and another one committed never share a stamp
-- (a counter would give both n + 1).
CREATE TABLE IF NOT EXISTS calendar_generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT OR IGNORE INTO calendar_generation (id, n) VALUES (1, 0);

CREATE TRIGGER IF NOT EXISTS calendar_years_gen_insert AFTER INSERT ON calendar_years
BEGIN
	UPDATE calendar_generation SET n = random() WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS calendar_years_gen_update AFTER UPDATE ON calendar_years
BEGIN
	UPDATE calendar_generation SET n = random() WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS calendar_years_gen_delete AFTER DELETE ON calendar_years
BEGIN
	UPDATE calendar_generation SET n = random() WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS calendar_days_gen_insert AFTER INSERT ON calendar_days
BEGIN
	UPDATE calendar_generation SET n = random() WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS calendar_days_gen_update AFTER UPDATE ON calendar_days
BEGIN
	UPDATE calendar_generation SET n = random() WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS calendar_days_gen_delete AFTER DELETE ON calendar_days
BEGIN
	UPDATE calendar_generation SET n = random() WHERE id = 1;
END;
