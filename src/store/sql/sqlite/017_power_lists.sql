-- 017_power_lists.sql - the power-and-responsibility list (权责清单) of
-- each agency, versioned (issue 10 §1, 事前公开). A version is a draft
-- while the agency's legal unit or head prepares it and becomes public
-- when published with an effective date; a published version is never
-- changed: a change is a new version. The version in force on a day is
-- the published one with the latest effective_on on or before it. Each
-- publication is a ledger leaf (kind 8).
CREATE TABLE power_lists (
	id            INTEGER PRIMARY KEY,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	version       INTEGER NOT NULL CHECK (version >= 1),  -- 1, 2, 3 ... per agency
	status        TEXT NOT NULL CHECK (status IN ('draft', 'published')),
	note          TEXT NOT NULL DEFAULT '',   -- 修订说明
	effective_on  TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, set when published
	published_on  TEXT NOT NULL DEFAULT '',
	published_at  INTEGER NOT NULL DEFAULT 0,
	backdate_reason TEXT NOT NULL DEFAULT '', -- why effective_on is before published_on
	created_by    INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL,
	published_by  INTEGER NOT NULL DEFAULT 0,
	publisher     TEXT NOT NULL DEFAULT '',
	UNIQUE (agency_id, version)
);
-- At most one draft per agency.
CREATE UNIQUE INDEX power_lists_one_draft ON power_lists (agency_id) WHERE status = 'draft';
CREATE INDEX power_lists_in_force ON power_lists (agency_id, effective_on) WHERE status = 'published';

CREATE TABLE power_items (
	id            INTEGER PRIMARY KEY,
	list_id       INTEGER NOT NULL REFERENCES power_lists (id),
	seq           INTEGER NOT NULL,
	code          TEXT NOT NULL CHECK (code <> ''),   -- 事项编码
	name          TEXT NOT NULL CHECK (name <> ''),
	kind          TEXT NOT NULL CHECK (kind <> ''),   -- penalty, permit ...
	basis         TEXT NOT NULL CHECK (basis <> ''),  -- 设定依据: law and article
	unit_id       INTEGER NOT NULL DEFAULT 0,         -- 实施机构 (内设机构), 0 = the agency
	unit          TEXT NOT NULL DEFAULT '',           -- its name when saved
	duty          TEXT NOT NULL CHECK (duty <> ''),   -- 责任事项
	accountability TEXT NOT NULL CHECK (accountability <> ''), -- 追责情形及依据
	guide         TEXT NOT NULL DEFAULT '',           -- 办事指南, "" = none
	UNIQUE (list_id, code),
	UNIQUE (list_id, seq)
);

-- A published version is never changed or removed: not its row, not its
-- powers. A draft's powers are replaced as a whole while it is a draft.
CREATE TRIGGER power_lists_published_no_update BEFORE UPDATE ON power_lists
WHEN OLD.status = 'published'
BEGIN
	SELECT RAISE(ABORT, '已发布的权责清单不能修改，请起草新版本');
END;

CREATE TRIGGER power_lists_published_no_delete BEFORE DELETE ON power_lists
WHEN OLD.status = 'published'
BEGIN
	SELECT RAISE(ABORT, '已发布的权责清单不能修改，请起草新版本');
END;

CREATE TRIGGER power_items_published_no_update BEFORE UPDATE ON power_items
WHEN (SELECT status FROM power_lists WHERE id = OLD.list_id) = 'published'
BEGIN
	SELECT RAISE(ABORT, '已发布的权责清单不能修改，请起草新版本');
END;

CREATE TRIGGER power_items_published_no_delete BEFORE DELETE ON power_items
WHEN (SELECT status FROM power_lists WHERE id = OLD.list_id) = 'published'
BEGIN
	SELECT RAISE(ABORT, '已发布的权责清单不能修改，请起草新版本');
END;

CREATE TRIGGER power_items_published_no_insert BEFORE INSERT ON power_items
WHEN (SELECT status FROM power_lists WHERE id = NEW.list_id) IS NOT 'draft'
BEGIN
	SELECT RAISE(ABORT, '已发布的权责清单不能修改，请起草新版本');
END;

-- REPLACE deletes the row it conflicts with without firing the delete
-- triggers (recursive_triggers is off): an insert or an update that would
-- replace a published version or any power of one is refused here.
CREATE TRIGGER power_lists_no_replace BEFORE INSERT ON power_lists
WHEN EXISTS (SELECT 1 FROM power_lists WHERE status = 'published' AND
             (id = NEW.id OR (agency_id = NEW.agency_id AND version = NEW.version)))
BEGIN
	SELECT RAISE(ABORT, '已发布的权责清单不能修改，请起草新版本');
END;

CREATE TRIGGER power_lists_keys_fixed BEFORE UPDATE ON power_lists
WHEN NEW.id IS NOT OLD.id OR NEW.agency_id IS NOT OLD.agency_id OR NEW.version IS NOT OLD.version
BEGIN
	SELECT RAISE(ABORT, '权责清单版本的编号不能修改');
END;

CREATE TRIGGER power_items_no_replace BEFORE INSERT ON power_items
WHEN EXISTS (SELECT 1 FROM power_items WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '已发布的权责清单不能修改，请起草新版本');
END;

-- A draft's powers are replaced as a whole (delete, insert), never updated.
CREATE TRIGGER power_items_no_update BEFORE UPDATE ON power_items
BEGIN
	SELECT RAISE(ABORT, '权责清单的职权不能逐条修改，请整体替换草稿');
END;
