-- 012_publications.sql - ex-post publicity (事后公开): one publication per
-- decision made public, prepared automatically when the decision is made
-- (redacted by rule), confirmed by the reviewer, and withdrawn with a
-- public notice when the decision is set aside. The row is the
-- publication's current state (a projection the app keeps); what the
-- public saw is in publication_events, append-only, one ledger leaf each
-- (kind 6).
CREATE TABLE publications (
	id             INTEGER PRIMARY KEY,
	case_id        INTEGER NOT NULL REFERENCES cases (id),
	event_id       INTEGER NOT NULL UNIQUE,  -- the decision published
	agency_id      INTEGER NOT NULL REFERENCES agencies (id),
	kind           TEXT NOT NULL CHECK (kind <> ''),   -- penalty, permit ...
	status         TEXT NOT NULL CHECK (status IN ('prepared', 'live', 'withheld',
	                                  'withdrawing', 'withdrawn', 'cancelled')),
	title          TEXT NOT NULL CHECK (title <> ''),   -- redacted
	text           TEXT NOT NULL,                       -- redacted
	original_title TEXT NOT NULL,                       -- never public
	original_text  TEXT NOT NULL,                       -- never public
	number         TEXT NOT NULL DEFAULT '',            -- 文号 of the decision
	decided_on     TEXT NOT NULL,                       -- YYYY-MM-DD
	due_on         TEXT NOT NULL DEFAULT '',            -- publication clock
	published_on   TEXT NOT NULL DEFAULT '',
	late           INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
	end_on         TEXT NOT NULL DEFAULT '',            -- leaves listings after
	withheld_reason TEXT NOT NULL DEFAULT '',
	set_aside_on   TEXT NOT NULL DEFAULT '',            -- decision revoked etc.
	withdraw_due_on TEXT NOT NULL DEFAULT '',
	withdrawn_on   TEXT NOT NULL DEFAULT '',
	withdraw_reason TEXT NOT NULL DEFAULT '',
	withdraw_basis TEXT NOT NULL DEFAULT '',
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL,
	FOREIGN KEY (case_id, event_id) REFERENCES case_events (case_id, id)
);
CREATE INDEX publications_status ON publications (status, published_on);
CREATE INDEX publications_agency ON publications (agency_id, published_on);
CREATE INDEX publications_case ON publications (case_id);

-- What went public: the text as published, or the withdrawal notice.
CREATE TABLE publication_events (
	id             INTEGER PRIMARY KEY,
	publication_id INTEGER NOT NULL REFERENCES publications (id),
	action         TEXT NOT NULL CHECK (action IN ('publish', 'withdraw')),
	on_day         TEXT NOT NULL,
	at             INTEGER NOT NULL,
	actor_id       INTEGER NOT NULL DEFAULT 0,
	actor          TEXT NOT NULL DEFAULT '',
	title          TEXT NOT NULL DEFAULT '',
	text           TEXT NOT NULL DEFAULT '',
	reason         TEXT NOT NULL DEFAULT '',
	basis          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX publication_events_pub ON publication_events (publication_id);

CREATE TRIGGER publication_events_no_update BEFORE UPDATE ON publication_events
BEGIN
	SELECT RAISE(ABORT, '公示记录只能追加，不能修改');
END;

CREATE TRIGGER publication_events_no_delete BEFORE DELETE ON publication_events
BEGIN
	SELECT RAISE(ABORT, '公示记录只能追加，不能修改');
END;

CREATE TRIGGER publication_events_no_replace BEFORE INSERT ON publication_events
WHEN EXISTS (SELECT 1 FROM publication_events WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '公示记录只能追加，不能修改');
END;
