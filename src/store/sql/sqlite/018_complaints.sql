-- 018_complaints.sql - complaints about enforcement (投诉举报, issue 12 §5):
-- filed by the public on the portal or entered by the justice bureau (phone,
-- letter, 12345 hotline, visit), accepted and assigned to the responsible
-- agency or refused (不予受理, with a reason), answered, returned when the
-- answer is unsatisfactory, closed. The row is the complaint's current
-- state, a projection the app keeps (its due dates are derived from the one
-- clock and written with every change); what happened is in
-- complaint_events, append-only, one ledger leaf each (kind 9).
CREATE TABLE complaints (
	id           INTEGER PRIMARY KEY,
	receipt      TEXT NOT NULL UNIQUE,       -- 回执编号: the public's key
	channel      TEXT NOT NULL CHECK (channel IN ('portal', 'phone', 'letter',
	                                  'hotline', 'visit')),
	received_on  TEXT NOT NULL,              -- YYYY-MM-DD
	name         TEXT NOT NULL DEFAULT '',   -- '' when anonymous
	phone        TEXT NOT NULL DEFAULT '',
	anonymous    INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
	agency_id    INTEGER NOT NULL REFERENCES agencies (id), -- complained about
	cert_number  TEXT NOT NULL DEFAULT '',   -- normalised like the check
	officer_name TEXT NOT NULL DEFAULT '',
	case_number  TEXT NOT NULL DEFAULT '',
	facts        TEXT NOT NULL CHECK (facts <> ''),
	request      TEXT NOT NULL CHECK (request <> ''),
	state        TEXT NOT NULL CHECK (state IN ('received', 'not_accepted',
	                                  'assigned', 'replied', 'closed')),
	handler_id   INTEGER REFERENCES agencies (id), -- responsible, once assigned
	accept_due   TEXT NOT NULL DEFAULT '',   -- the acceptance decision's
	accepted_on  TEXT NOT NULL DEFAULT '',
	due_on       TEXT NOT NULL DEFAULT '',   -- the handling period's last day
	provisional  INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
	reply        TEXT NOT NULL DEFAULT '',
	replied_on   TEXT NOT NULL DEFAULT '',
	closed_on    TEXT NOT NULL DEFAULT '',
	reason       TEXT NOT NULL DEFAULT '',   -- not accepted, or last returned
	client_key   TEXT NOT NULL DEFAULT '',   -- SHA-256 of the filing address
	created_by   INTEGER NOT NULL DEFAULT 0, -- user id, 0 = the public
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);
CREATE INDEX complaints_agency ON complaints (agency_id, state);
CREATE INDEX complaints_handler ON complaints (handler_id, state);
CREATE INDEX complaints_client ON complaints (client_key, created_at);

CREATE TABLE complaint_events (
	id           INTEGER PRIMARY KEY,
	complaint_id INTEGER NOT NULL REFERENCES complaints (id),
	action       TEXT NOT NULL CHECK (action IN ('file', 'accept', 'reject', 'reply',
	                                  'return', 'close')),
	on_day       TEXT NOT NULL,
	at           INTEGER NOT NULL,
	actor_id     INTEGER NOT NULL DEFAULT 0,
	actor        TEXT NOT NULL DEFAULT '',
	agency_id    INTEGER NOT NULL DEFAULT 0, -- accept: the agency assigned
	text         TEXT NOT NULL DEFAULT '',   -- reply, reason, or the digest
	                                         -- of the filing
	state        TEXT NOT NULL               -- the state it led to
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id);

CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
BEGIN
	SELECT RAISE(ABORT, '投诉办理记录只能追加，不能修改');
END;

CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events
BEGIN
	SELECT RAISE(ABORT, '投诉办理记录只能追加，不能修改');
END;

CREATE TRIGGER complaint_events_no_replace BEFORE INSERT ON complaint_events
WHEN EXISTS (SELECT 1 FROM complaint_events WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '投诉办理记录只能追加，不能修改');
END;

-- Nothing is deleted: a complaint row stays whatever becomes of it.
CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
BEGIN
	SELECT RAISE(ABORT, '投诉记录不能删除');
END;
