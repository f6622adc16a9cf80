-- 004_ledger.sql - the one ledger (DESIGN.md idea 3): a Merkle log of
-- digests of case events, evidence files and documents, its signed
-- checkpoints, and the evidence files' metadata. Like the record, all of
-- it is append-only in the database itself, whoever connects.

-- Which hash the ledger uses, chosen when the database is created and
-- fixed once the first leaf is written.
CREATE TABLE ledger_meta (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	hash TEXT NOT NULL CHECK (hash IN ('sm3', 'sha256'))
);
INSERT INTO ledger_meta (id, hash) VALUES (1, 'sm3');

-- One leaf: idx 0, 1, 2 ... without gaps. kind: 1 case event, 2 evidence,
-- 3 document (enum ledger_kind); ref_id the object's id in its table;
-- digest the object's content digest; leaf_hash = H(0x00 || leaf data),
-- leaf data = 0x01 || kind || ref_id (8 bytes BE) || digest. An object
-- is logged once.
CREATE TABLE ledger_leaves (
	idx       INTEGER PRIMARY KEY CHECK (idx >= 0),
	kind      INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 255),
	ref_id    INTEGER NOT NULL CHECK (ref_id > 0),
	digest    BLOB NOT NULL CHECK (length(digest) BETWEEN 16 AND 64),
	leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) BETWEEN 16 AND 64),
	at        INTEGER NOT NULL,
	UNIQUE (kind, ref_id)
);

CREATE TRIGGER ledger_meta_fixed BEFORE UPDATE ON ledger_meta
WHEN EXISTS (SELECT 1 FROM ledger_leaves) OR NEW.id IS NOT OLD.id
BEGIN
	SELECT RAISE(ABORT, '账本已有记录，不能更换摘要算法');
END;

CREATE TRIGGER ledger_meta_no_delete BEFORE DELETE ON ledger_meta
BEGIN
	SELECT RAISE(ABORT, '账本已有记录，不能更换摘要算法');
END;

CREATE TRIGGER ledger_leaves_idx_next BEFORE INSERT ON ledger_leaves
WHEN NEW.idx IS NOT (SELECT coalesce(max(idx), -1) + 1 FROM ledger_leaves)
BEGIN
	SELECT RAISE(ABORT, '账本只能依次追加');
END;

CREATE TRIGGER ledger_leaves_no_update BEFORE UPDATE ON ledger_leaves
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能修改');
END;

CREATE TRIGGER ledger_leaves_no_delete BEFORE DELETE ON ledger_leaves
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能修改');
END;

-- A signed checkpoint: the signature covers the text of
-- src/ledger/checkpoint.h (hash, tree_size, root, at). pubkey is the raw
-- Ed25519 key that signed it. Sizes never shrink.
CREATE TABLE ledger_checkpoints (
	id        INTEGER PRIMARY KEY,
	tree_size INTEGER NOT NULL CHECK (tree_size >= 0),
	root      BLOB NOT NULL CHECK (length(root) BETWEEN 16 AND 64),
	hash      TEXT NOT NULL CHECK (hash IN ('sm3', 'sha256')),
	at        INTEGER NOT NULL,
	pubkey    BLOB NOT NULL CHECK (length(pubkey) = 32),
	signature BLOB NOT NULL CHECK (length(signature) = 64)
);

CREATE TRIGGER ledger_checkpoints_grow BEFORE INSERT ON ledger_checkpoints
WHEN NEW.tree_size < (SELECT coalesce(max(tree_size), 0) FROM ledger_checkpoints)
	OR NEW.tree_size > (SELECT coalesce(max(idx), -1) + 1 FROM ledger_leaves)
BEGIN
	SELECT RAISE(ABORT, '检查点的记录数不能小于上一个检查点，也不能超过账本');
END;

CREATE TRIGGER ledger_checkpoints_no_update BEFORE UPDATE ON ledger_checkpoints
BEGIN
	SELECT RAISE(ABORT, '检查点只能追加，不能修改');
END;

CREATE TRIGGER ledger_checkpoints_no_delete BEFORE DELETE ON ledger_checkpoints
BEGIN
	SELECT RAISE(ABORT, '检查点只能追加，不能修改');
END;

-- An evidence file of a case: the bytes live content-addressed in the
-- data directory (evidence/<first 2 hex>/<digest>), so the same content is
-- stored once; this row says which case it belongs to and what it is.
-- record_kind: 'text_record' (文字记录) or 'av_record' (音像记录), as the
-- law distinguishes them. digest is lowercase hex of the ledger hash.
CREATE TABLE evidence (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	digest      TEXT NOT NULL CHECK (length(digest) BETWEEN 32 AND 128),
	size        INTEGER NOT NULL CHECK (size >= 0),
	file_name   TEXT NOT NULL CHECK (file_name <> ''),
	media_type  TEXT NOT NULL CHECK (media_type <> ''),
	record_kind TEXT NOT NULL CHECK (record_kind IN ('text_record', 'av_record')),
	-- NULL: uploaded from the shell
	uploaded_by INTEGER REFERENCES users (id),
	uploaded_at INTEGER NOT NULL
);
CREATE INDEX evidence_case ON evidence (case_id);
CREATE INDEX evidence_digest ON evidence (digest);

CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN
	SELECT RAISE(ABORT, '证据登记只能追加，不能修改');
END;

CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN
	SELECT RAISE(ABORT, '证据登记只能追加，不能修改');
END;
