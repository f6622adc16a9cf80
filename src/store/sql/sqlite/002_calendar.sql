-- 002_calendar.sql - the holiday calendar: the years whose State Council
-- arrangement is loaded, and their declared days off and make-up working
-- days (the text format is data/calendar/cn.txt). Deadlines are computed
-- from these rows when read; no deadline is stored.

CREATE TABLE calendar_years (
	year      INTEGER PRIMARY KEY CHECK (year BETWEEN 1 AND 9999),
	source    TEXT NOT NULL,
	loaded_at INTEGER NOT NULL
);

-- One row per declared day; the year is the year of the date.
CREATE TABLE calendar_days (
	day  TEXT PRIMARY KEY NOT NULL CHECK (length(day) = 10),
	year INTEGER NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
	name TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX calendar_days_year ON calendar_days (year, day);
