-- 005_documents.sql - generated enforcement documents (执法文书): the
-- metadata of each PDF (its bytes are a file in the data directory named
-- by its digest, and the digest is a leaf of the ledger), and the number
-- series (文号) the documents take, gapless like case numbers.

-- Per agency, year and series code (罚, 罚告 ...), the last number handed
-- out. document_number_next bumps it inside the transaction that stores
-- the document, so a rolled-back document gives its number back.
CREATE TABLE document_number_seq (
	agency_id INTEGER NOT NULL REFERENCES agencies (id),
	year      INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
	code      TEXT NOT NULL CHECK (code <> ''),
	last      INTEGER NOT NULL CHECK (last >= 1),
	PRIMARY KEY (agency_id, year, code)
) WITHOUT ROWID;

CREATE TRIGGER document_number_seq_only_next BEFORE UPDATE ON document_number_seq
WHEN NEW.last IS NOT OLD.last + 1 OR NEW.agency_id IS NOT OLD.agency_id
	OR NEW.year IS NOT OLD.year OR NEW.code IS NOT OLD.code
BEGIN
	SELECT RAISE(ABORT, '文书编号只能依次递增');
END;

CREATE TRIGGER document_number_seq_no_delete BEFORE DELETE ON document_number_seq
BEGIN
	SELECT RAISE(ABORT, '文书编号只能依次递增');
END;

-- One generated document: made by the event of the step that produced it
-- (one per event and kind), numbered within its agency ('' when its kind
-- has no series, e.g. a service receipt). digest: lower-case hex of the
-- ledger's hash of the bytes.
CREATE TABLE documents (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	event_id   INTEGER NOT NULL,
	agency_id  INTEGER NOT NULL REFERENCES agencies (id),
	kind       TEXT NOT NULL CHECK (kind <> ''),
	title      TEXT NOT NULL CHECK (title <> ''),
	number     TEXT NOT NULL DEFAULT '',
	digest     TEXT NOT NULL CHECK (length(digest) BETWEEN 32 AND 128
	                                AND digest NOT GLOB '*[^0-9a-f]*'),
	size       INTEGER NOT NULL CHECK (size >= 0),
	pages      INTEGER NOT NULL CHECK (pages >= 1),
	created_at INTEGER NOT NULL,
	UNIQUE (event_id, kind),
	FOREIGN KEY (case_id, event_id) REFERENCES case_events (case_id, id)
);
CREATE INDEX documents_case ON documents (case_id);
CREATE UNIQUE INDEX documents_number ON documents (agency_id, number) WHERE number <> '';

-- A document belongs to its case's agency, and once made it stays as it
-- is: a changed document would no longer match its ledger leaf.
CREATE TRIGGER documents_agency_of_case BEFORE INSERT ON documents
WHEN NEW.agency_id IS NOT (SELECT agency_id FROM cases WHERE id = NEW.case_id)
BEGIN
	SELECT RAISE(ABORT, '文书的执法主体须与案件一致');
END;

CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN
	SELECT RAISE(ABORT, '文书一经生成不能修改');
END;

CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
	SELECT RAISE(ABORT, '文书一经生成不能修改');
END;
