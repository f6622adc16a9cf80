-- 048_indicator_sums.sql - the supervision indicators' figures kept summed
-- per agency, month and day beside the judged facts of 045, so that a
-- province's page costs per agency and month rather than per case
-- (store/sqlite_indicators_sums.c, docs/STATISTICS.md "How the indicators
-- are kept"); and the matters found without reading every case.
--
-- indicator_sums holds, for each agency, what the facts contribute to
-- each figure (enum indicator_figure: 0 review, 1 record, 2 publication,
-- 3 filing, 4 two officers, 5 handling, 6 overdue's open cases, 7
-- withdrawal) by the day the figure counts by, twice: per month (span
-- 'mYYYY-MM') and per day (span 'dYYYY-MM-DD'), so that a period reads
-- its whole months and the days of the months it cuts. A filing or a
-- publication still waiting (its clock not stopped) is kept apart under
-- its due day (due): it counts once today is after that day. The open
-- cases are span 'm'. den, num and days are sums; longest is the longest
-- days above 0 with the newest case among equals, packed as days * 2^40 +
-- case id (the app's count_days), recomputed from the agency's facts when
-- the case that held it is judged again.
CREATE TABLE IF NOT EXISTS indicator_sums (
	agency_id INTEGER NOT NULL,
	span      TEXT NOT NULL,
	figure    INTEGER NOT NULL,
	due       TEXT NOT NULL,
	den       INTEGER NOT NULL,
	num       INTEGER NOT NULL,
	days      INTEGER NOT NULL,
	longest   INTEGER NOT NULL,
	PRIMARY KEY (agency_id, span, figure, due)
) WITHOUT ROWID;

-- What each fact row contributes, written once: the triggers and the
-- rebuild below read it (the sums' conditions; the sides' lists state the
-- same in sqlite_indicators_sums.c and the tests compare both with the
-- per-case counting of app/indicators_facts.c).
DROP VIEW IF EXISTS indicator_contributions;
CREATE VIEW indicator_contributions (agency_id, case_id, figure, day, due, num, days) AS
	SELECT agency_id, case_id, 0, decided_on, '', reviewed, 0 FROM indicator_cases
		WHERE decided_on <> '' AND review_needed
	UNION ALL SELECT agency_id, case_id, 1, closed_on, '', complete, 0 FROM indicator_cases
		WHERE closed_on <> ''
	UNION ALL SELECT agency_id, case_id, 2, pub_on, CASE WHEN pub_done THEN '' ELSE pub_due END,
			 pub_on_time, 0 FROM indicator_cases WHERE pub_on <> ''
	UNION ALL SELECT agency_id, case_id, 3, decided_on,
			 CASE WHEN filing_done THEN '' ELSE filing_due END, filing_on_time, 0
		FROM indicator_cases WHERE decided_on <> '' AND filing_due <> ''
	UNION ALL SELECT agency_id, case_id, 5, decided_on, '', 1, handling_days FROM indicator_cases
		WHERE decided_on <> '' AND handling_days >= 0
	UNION ALL SELECT agency_id, case_id, 6, '', '', 0, 0 FROM indicator_cases WHERE open
	UNION ALL SELECT agency_id, case_id, 7, withdrawn_on, '', 1, withdrawal_days
		FROM indicator_cases WHERE withdrawn_on <> '';

-- Each contribution under its month and its day (the open cases once).
DROP VIEW IF EXISTS indicator_contribution_spans;
CREATE VIEW indicator_contribution_spans (agency_id, case_id, span, figure, due, num, days, longest) AS
	SELECT agency_id, case_id, 'm' || substr(day, 1, 7), figure, due, num, days,
	       CASE WHEN days > 0 THEN days * 1099511627776 + case_id ELSE 0 END
		FROM indicator_contributions
	UNION ALL SELECT agency_id, case_id, 'd' || day, figure, due, num, days,
	       CASE WHEN days > 0 THEN days * 1099511627776 + case_id ELSE 0 END
		FROM indicator_contributions WHERE figure <> 6
	UNION ALL SELECT agency_id, case_id, 'm' || substr(on_date, 1, 7), 4, '', certified, 0, 0
		FROM indicator_steps
	UNION ALL SELECT agency_id, case_id, 'd' || on_date, 4, '', certified, 0, 0
		FROM indicator_steps;

-- Kept by the facts' own writes (app: indicator_facts_put deletes a
-- case's rows and inserts them again): added after an insert, taken away
-- before a delete (the row still there to be read: the view, read by
-- case, looks the case up by its index), the longest found again after
-- it. A step's rows are its own.
CREATE TRIGGER IF NOT EXISTS indicator_sums_case_in AFTER INSERT ON indicator_cases
BEGIN
	INSERT INTO indicator_sums (agency_id, span, figure, due, den, num, days, longest)
		SELECT agency_id, span, figure, due, 1, num, days, longest
		FROM indicator_contribution_spans WHERE case_id = NEW.case_id AND figure <> 4
		ON CONFLICT (agency_id, span, figure, due) DO UPDATE SET den = den + 1,
			num = num + excluded.num, days = days + excluded.days,
			longest = max(longest, excluded.longest);
END;
CREATE TRIGGER IF NOT EXISTS indicator_sums_case_out BEFORE DELETE ON indicator_cases
BEGIN
	UPDATE indicator_sums SET den = indicator_sums.den - 1, num = indicator_sums.num - c.num,
			days = indicator_sums.days - c.days
		FROM (SELECT * FROM indicator_contribution_spans
		      WHERE case_id = OLD.case_id AND figure <> 4) AS c
		WHERE indicator_sums.agency_id = c.agency_id AND indicator_sums.span = c.span
		  AND indicator_sums.figure = c.figure AND indicator_sums.due = c.due;
END;
-- The longest found again from the agency's own rows (a range of the
-- table clustered by agency; the view would read every agency's), for
-- the two averages: handling by the decision's day, withdrawal by its own.
CREATE TRIGGER IF NOT EXISTS indicator_sums_case_longest AFTER DELETE ON indicator_cases
	WHEN OLD.handling_days > 0 OR OLD.withdrawal_days > 0
BEGIN
	UPDATE indicator_sums SET longest = coalesce((
		SELECT max(f.handling_days * 1099511627776 + f.case_id) FROM indicator_cases f
		WHERE f.agency_id = OLD.agency_id AND f.decided_on <> '' AND f.handling_days > 0
		  AND indicator_sums.span IN ('m' || substr(f.decided_on, 1, 7), 'd' || f.decided_on)), 0)
		WHERE agency_id = OLD.agency_id
		  AND span IN ('m' || substr(OLD.decided_on, 1, 7), 'd' || OLD.decided_on)
		  AND figure = 5 AND due = '' AND longest % 1099511627776 = OLD.case_id;
	UPDATE indicator_sums SET longest = coalesce((
		SELECT max(f.withdrawal_days * 1099511627776 + f.case_id) FROM indicator_cases f
		WHERE f.agency_id = OLD.agency_id AND f.withdrawn_on <> '' AND f.withdrawal_days > 0
		  AND indicator_sums.span IN ('m' || substr(f.withdrawn_on, 1, 7), 'd' || f.withdrawn_on)), 0)
		WHERE agency_id = OLD.agency_id
		  AND span IN ('m' || substr(OLD.withdrawn_on, 1, 7), 'd' || OLD.withdrawn_on)
		  AND figure = 7 AND due = '' AND longest % 1099511627776 = OLD.case_id;
END;
CREATE TRIGGER IF NOT EXISTS indicator_sums_step_in AFTER INSERT ON indicator_steps
BEGIN
	INSERT INTO indicator_sums (agency_id, span, figure, due, den, num, days, longest)
		VALUES (NEW.agency_id, 'm' || substr(NEW.on_date, 1, 7), 4, '', 1, NEW.certified, 0, 0),
		       (NEW.agency_id, 'd' || NEW.on_date, 4, '', 1, NEW.certified, 0, 0)
		ON CONFLICT (agency_id, span, figure, due) DO UPDATE SET den = den + 1,
			num = num + excluded.num;
END;
CREATE TRIGGER IF NOT EXISTS indicator_sums_step_out AFTER DELETE ON indicator_steps
BEGIN
	UPDATE indicator_sums SET den = den - 1, num = num - OLD.certified
		WHERE agency_id = OLD.agency_id AND figure = 4 AND due = ''
		  AND span IN ('m' || substr(OLD.on_date, 1, 7), 'd' || OLD.on_date);
END;

-- Built from the facts as they stand (running 048 again builds the same).
DELETE FROM indicator_sums;
INSERT INTO indicator_sums (agency_id, span, figure, due, den, num, days, longest)
	SELECT agency_id, span, figure, due, count(*), sum(num), sum(days), max(longest)
	FROM indicator_contribution_spans GROUP BY agency_id, span, figure, due;

-- The matters (normative documents, major decisions: kinds 5 and 6) of
-- an agency found without reading its cases: the rule-making indicators
-- judge them on every read (app/indicators.c), and finding them by kind
-- among a province's 1.4 million cases read every case row of the
-- scope, about 0.23 s of CPU for any scope. The index holds only the
-- matters; the store's query repeats the condition word for word so that
-- SQLite uses it.
CREATE INDEX IF NOT EXISTS cases_matters ON cases (agency_id) WHERE kind IN (5, 6);
