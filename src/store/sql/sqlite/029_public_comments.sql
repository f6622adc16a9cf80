-- 029_public_comments.sql - public comment on a draft (公开征求意见, issue
-- 13 §2): what members of the public send on the portal while a matter's
-- comment period is open (a comment_open step recorded and no
-- comment_close after it), and what the drafting unit does with each:
-- hides it from the portal with a reason (moderation never deletes), shows
-- it again, or records whether it was adopted. Both tables are recorded
-- facts, append-only by trigger; each event is a ledger leaf (kind 12).
-- The same tables hold the public's review requests (审查建议) about a
-- published normative document (kind 'review', open_event = its publish
-- event), each with the day it is due (its clock) and the justice
-- bureau's answer as an event.
-- A comment's current standing is the latest of its events, read, never
-- stored twice. IF NOT EXISTS throughout: a store told to migrate again
-- from an earlier version (as tests of 021 do) finds them in place.
CREATE TABLE IF NOT EXISTS public_comments (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	kind        TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'review')),
	open_event  INTEGER NOT NULL REFERENCES case_events (id), -- comment_open
	                                          -- or (review) publish
	due_on      TEXT NOT NULL DEFAULT '',     -- review: the answer's due day
	receipt     TEXT NOT NULL UNIQUE,         -- 回执编号
	received_on TEXT NOT NULL,                -- YYYY-MM-DD
	name        TEXT NOT NULL DEFAULT '',     -- optional, never published
	contact     TEXT NOT NULL DEFAULT '',     -- optional, never published
	body        TEXT NOT NULL CHECK (body <> ''),
	client_key  TEXT NOT NULL DEFAULT '',     -- SHA-256 of the sender's address
	at          INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS public_comments_case ON public_comments (case_id, id);
CREATE INDEX IF NOT EXISTS public_comments_client ON public_comments (client_key, at);

CREATE TABLE IF NOT EXISTS public_comment_events (
	id          INTEGER PRIMARY KEY,
	comment_id  INTEGER NOT NULL REFERENCES public_comments (id),
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	action      TEXT NOT NULL CHECK (action IN ('submit', 'hide', 'show', 'adopt',
	                                  'partly', 'not_adopt', 'answer')),
	on_day      TEXT NOT NULL,
	at          INTEGER NOT NULL,
	actor_id    INTEGER NOT NULL DEFAULT 0,   -- 0 = the public
	actor       TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL DEFAULT ''      -- submit: the comment; answer: the
	                                          -- answer; else the reason
);
CREATE INDEX IF NOT EXISTS public_comment_events_comment ON public_comment_events (comment_id, id);

CREATE TRIGGER IF NOT EXISTS public_comments_no_update BEFORE UPDATE ON public_comments
BEGIN
	SELECT RAISE(ABORT, '公众意见只能追加，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS public_comments_no_delete BEFORE DELETE ON public_comments
BEGIN
	SELECT RAISE(ABORT, '公众意见只能追加，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS public_comments_no_replace BEFORE INSERT ON public_comments
WHEN EXISTS (SELECT 1 FROM public_comments WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '公众意见只能追加，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS public_comment_events_no_update BEFORE UPDATE ON public_comment_events
BEGIN
	SELECT RAISE(ABORT, '公众意见的处理记录只能追加，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS public_comment_events_no_delete BEFORE DELETE ON public_comment_events
BEGIN
	SELECT RAISE(ABORT, '公众意见的处理记录只能追加，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS public_comment_events_no_replace BEFORE INSERT ON public_comment_events
WHEN EXISTS (SELECT 1 FROM public_comment_events WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '公众意见的处理记录只能追加，不能修改');
END;
