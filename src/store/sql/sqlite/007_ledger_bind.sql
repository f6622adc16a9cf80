-- 007_ledger_bind.sql - what the ledger binds beyond events, evidence and
-- documents (docs/LEDGER.md, "Leaf data"): every version of a case's
-- header (case_headers, one row each time the header changes, leaf kind
-- 4) and every case bundle exported (case_exports, leaf kind 5: how many
-- records of each kind the case had when it was exported, so that a
-- bundle can prove it is complete). Both append-only like the record.
--
-- And append-only means append-only: a REPLACE (INSERT OR REPLACE,
-- REPLACE INTO, ON CONFLICT REPLACE) deletes the row it conflicts with
-- without firing delete triggers (unless recursive_triggers is on, which
-- a tamperer would not set). So every protected table refuses, before
-- the insert, a new row whose key is already taken.

CREATE TABLE case_headers (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL REFERENCES cases (id),
	seq           INTEGER NOT NULL CHECK (seq >= 1),
	at            INTEGER NOT NULL,
	number        TEXT NOT NULL,
	agency_id     INTEGER NOT NULL,
	procedure     TEXT NOT NULL,
	kind          INTEGER NOT NULL,
	domain        TEXT NOT NULL,
	matter        TEXT NOT NULL,
	title         TEXT NOT NULL,
	party_kind    INTEGER NOT NULL,
	party_name    TEXT NOT NULL,
	party_id      TEXT NOT NULL,
	party_address TEXT NOT NULL,
	act_date      TEXT NOT NULL,
	opened_on     TEXT NOT NULL,
	closed        INTEGER NOT NULL,
	created_by    INTEGER NOT NULL,
	created_at    INTEGER NOT NULL,
	UNIQUE (case_id, seq)
);

CREATE TRIGGER case_headers_seq_next BEFORE INSERT ON case_headers
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM case_headers
                     WHERE case_id = NEW.case_id)
BEGIN
	SELECT RAISE(ABORT, '案件信息的记录只能依次追加');
END;

CREATE TRIGGER case_headers_no_update BEFORE UPDATE ON case_headers
BEGIN
	SELECT RAISE(ABORT, '案件信息的记录只能追加，不能修改');
END;

CREATE TRIGGER case_headers_no_delete BEFORE DELETE ON case_headers
BEGIN
	SELECT RAISE(ABORT, '案件信息的记录只能追加，不能修改');
END;

CREATE TABLE case_exports (
	id        INTEGER PRIMARY KEY,
	case_id   INTEGER NOT NULL REFERENCES cases (id),
	at        INTEGER NOT NULL,
	actor_id  INTEGER NOT NULL DEFAULT 0,
	actor     TEXT NOT NULL DEFAULT '',
	headers   INTEGER NOT NULL CHECK (headers >= 0),
	events    INTEGER NOT NULL CHECK (events >= 0),
	evidence  INTEGER NOT NULL CHECK (evidence >= 0),
	documents INTEGER NOT NULL CHECK (documents >= 0)
);
CREATE INDEX case_exports_case ON case_exports (case_id);

CREATE TRIGGER case_exports_no_update BEFORE UPDATE ON case_exports
BEGIN
	SELECT RAISE(ABORT, '案卷导出记录只能追加，不能修改');
END;

CREATE TRIGGER case_exports_no_delete BEFORE DELETE ON case_exports
BEGIN
	SELECT RAISE(ABORT, '案卷导出记录只能追加，不能修改');
END;

-- No replacing: a key already taken refuses the insert, whatever its
-- conflict clause. A unique key's trigger raises the message the store
-- gives for that key (sqlite_stmt.c, sq_uniques), so a plain insert that
-- collides is still reported as the conflict it is. (The number series are left out: their next number
-- is an UPSERT, and a replaced series can only make the next case or
-- document collide with a number that exists, which is refused.)

CREATE TRIGGER cases_no_replace BEFORE INSERT ON cases
WHEN EXISTS (SELECT 1 FROM cases WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '案件一经登记不能替换');
END;

CREATE TRIGGER cases_number_taken BEFORE INSERT ON cases
WHEN EXISTS (SELECT 1 FROM cases WHERE agency_id = NEW.agency_id
             AND number = NEW.number)
BEGIN
	SELECT RAISE(ABORT, '本执法主体已有相同编号的案件');
END;

CREATE TRIGGER case_events_no_replace BEFORE INSERT ON case_events
WHEN EXISTS (SELECT 1 FROM case_events WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '执法全过程记录只能追加，不能替换');
END;

CREATE TRIGGER case_event_fields_no_replace BEFORE INSERT ON case_event_fields
WHEN EXISTS (SELECT 1 FROM case_event_fields WHERE event_id = NEW.event_id
             AND key = NEW.key)
BEGIN
	SELECT RAISE(ABORT, '同一条记录中的字段名重复');
END;

CREATE TRIGGER case_event_officers_no_replace BEFORE INSERT ON case_event_officers
WHEN EXISTS (SELECT 1 FROM case_event_officers WHERE event_id = NEW.event_id
             AND person_id = NEW.person_id)
BEGIN
	SELECT RAISE(ABORT, '同一条记录中的执法人员重复');
END;

CREATE TRIGGER case_headers_no_replace BEFORE INSERT ON case_headers
WHEN EXISTS (SELECT 1 FROM case_headers WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '案件信息的记录只能追加，不能替换');
END;

CREATE TRIGGER case_exports_no_replace BEFORE INSERT ON case_exports
WHEN EXISTS (SELECT 1 FROM case_exports WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '案卷导出记录只能追加，不能替换');
END;

CREATE TRIGGER evidence_no_replace BEFORE INSERT ON evidence
WHEN EXISTS (SELECT 1 FROM evidence WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '证据登记只能追加，不能替换');
END;

CREATE TRIGGER documents_no_replace BEFORE INSERT ON documents
WHEN EXISTS (SELECT 1 FROM documents WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '文书一经生成不能替换');
END;

CREATE TRIGGER documents_kind_taken BEFORE INSERT ON documents
WHEN EXISTS (SELECT 1 FROM documents WHERE event_id = NEW.event_id
             AND kind = NEW.kind)
BEGIN
	SELECT RAISE(ABORT, '该记录已生成过这一文书');
END;

CREATE TRIGGER documents_number_taken BEFORE INSERT ON documents
WHEN NEW.number <> '' AND EXISTS (SELECT 1 FROM documents
     WHERE agency_id = NEW.agency_id AND number = NEW.number)
BEGIN
	SELECT RAISE(ABORT, '本执法主体已有相同编号的文书');
END;

CREATE TRIGGER ledger_leaves_no_replace BEFORE INSERT ON ledger_leaves
WHEN EXISTS (SELECT 1 FROM ledger_leaves WHERE idx = NEW.idx)
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能替换');
END;

CREATE TRIGGER ledger_leaves_object_taken BEFORE INSERT ON ledger_leaves
WHEN EXISTS (SELECT 1 FROM ledger_leaves WHERE kind = NEW.kind
             AND ref_id = NEW.ref_id)
BEGIN
	SELECT RAISE(ABORT, '该对象已记入账本');
END;

CREATE TRIGGER ledger_checkpoints_no_replace BEFORE INSERT ON ledger_checkpoints
WHEN EXISTS (SELECT 1 FROM ledger_checkpoints WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '检查点只能追加，不能替换');
END;

CREATE TRIGGER ledger_meta_no_replace BEFORE INSERT ON ledger_meta
WHEN EXISTS (SELECT 1 FROM ledger_meta WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '账本已有记录，不能更换摘要算法');
END;

CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '审计日志只能追加，不能替换');
END;
