-- 008_checkpoints.sql - checkpoints in the C2SP format (docs/LEDGER.md,
-- "Checkpoints"), the log's configuration, witnesses' cosignatures, and
-- the tree's interior nodes so that proofs cost O(log n) reads.

-- The log itself: its origin (the first line of every checkpoint and the
-- name of its key), and which signatures each checkpoint must carry
-- ('ed25519' or 'ed25519,sm2'). origin NULL until it is set or the first
-- C2SP checkpoint is signed; it never changes afterwards.
CREATE TABLE ledger_log (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	origin     TEXT CHECK (origin IS NULL OR (length(origin) BETWEEN 1 AND 255
	                       AND origin NOT GLOB '*[ +]*')),
	signatures TEXT NOT NULL DEFAULT 'ed25519'
	                CHECK (signatures IN ('ed25519', 'ed25519,sm2')),
	-- an RFC 3161 time-stamping authority asked for a token on every
	-- checkpoint; NULL: none
	tsa_url    TEXT CHECK (tsa_url IS NULL OR length(tsa_url) BETWEEN 8 AND 500)
);
INSERT INTO ledger_log (id) VALUES (1);

CREATE TRIGGER ledger_log_origin_fixed BEFORE UPDATE ON ledger_log
WHEN NEW.id IS NOT OLD.id OR (OLD.origin IS NOT NULL AND NEW.origin IS NOT OLD.origin
	AND EXISTS (SELECT 1 FROM ledger_checkpoints WHERE origin IS NOT NULL))
BEGIN
	SELECT RAISE(ABORT, '日志名称已用于签署检查点，不能更改');
END;

CREATE TRIGGER ledger_log_no_delete BEFORE DELETE ON ledger_log
BEGIN
	SELECT RAISE(ABORT, '账本设置不能删除');
END;

-- A checkpoint signed as a C2SP note names its origin (NULL: the older
-- text form, signed before this migration) and, when SM2 is configured,
-- carries the SM2 public key (DER SubjectPublicKeyInfo) and signature.
ALTER TABLE ledger_checkpoints ADD COLUMN origin TEXT;
ALTER TABLE ledger_checkpoints ADD COLUMN sm2_pubkey BLOB;
ALTER TABLE ledger_checkpoints ADD COLUMN sm2_signature BLOB;

-- Interior nodes: the hash of the perfect subtree of 2^level leaves
-- starting at leaf idx * 2^level (level >= 1; level 0 is ledger_leaves),
-- written in the transaction that appends the leaf completing it.
CREATE TABLE ledger_nodes (
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 63),
	idx   INTEGER NOT NULL CHECK (idx >= 0),
	hash  BLOB NOT NULL CHECK (length(hash) BETWEEN 16 AND 64),
	PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TRIGGER ledger_nodes_no_update BEFORE UPDATE ON ledger_nodes
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能修改');
END;

CREATE TRIGGER ledger_nodes_no_delete BEFORE DELETE ON ledger_nodes
BEGIN
	SELECT RAISE(ABORT, '账本只能追加，不能修改');
END;

-- Inclusion proofs by leaf hash.
CREATE INDEX ledger_leaves_hash ON ledger_leaves (leaf_hash);

-- A witness's C2SP tlog-cosignature/v1 of a checkpoint: the witness's key
-- name and key ID (as in its signature line), the 72 bytes timestamp ||
-- Ed25519 signature, and when the log received it. Checked against the
-- configured witness keys before it is stored.
CREATE TABLE ledger_cosignatures (
	id            INTEGER PRIMARY KEY,
	checkpoint_id INTEGER NOT NULL REFERENCES ledger_checkpoints (id),
	name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
	key_id        INTEGER NOT NULL,
	signature     BLOB NOT NULL CHECK (length(signature) = 72),
	at            INTEGER NOT NULL,
	UNIQUE (checkpoint_id, name, key_id)
);

CREATE TRIGGER ledger_cosignatures_no_update BEFORE UPDATE ON ledger_cosignatures
BEGIN
	SELECT RAISE(ABORT, '见证方副署只能追加，不能修改');
END;

CREATE TRIGGER ledger_cosignatures_no_delete BEFORE DELETE ON ledger_cosignatures
BEGIN
	SELECT RAISE(ABORT, '见证方副署只能追加，不能修改');
END;

-- A rotation of the log's signing key: a signed note (docs/LEDGER.md,
-- "Key rotation") naming the old and the new key, signed by both, so that
-- a verifier holding the old key can follow to the new one.
CREATE TABLE ledger_key_rotations (
	id         INTEGER PRIMARY KEY,
	old_pubkey BLOB NOT NULL CHECK (length(old_pubkey) = 32),
	new_pubkey BLOB NOT NULL CHECK (length(new_pubkey) = 32),
	note       TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 4096),
	at         INTEGER NOT NULL
);

CREATE TRIGGER ledger_key_rotations_no_update BEFORE UPDATE ON ledger_key_rotations
BEGIN
	SELECT RAISE(ABORT, '密钥轮换记录只能追加，不能修改');
END;

CREATE TRIGGER ledger_key_rotations_no_delete BEFORE DELETE ON ledger_key_rotations
BEGIN
	SELECT RAISE(ABORT, '密钥轮换记录只能追加，不能修改');
END;

-- The RFC 3161 time-stamp token (DER) a time-stamping authority gave for a
-- checkpoint's note text (SHA-256 imprint).
CREATE TABLE ledger_timestamps (
	checkpoint_id INTEGER PRIMARY KEY REFERENCES ledger_checkpoints (id),
	token         BLOB NOT NULL CHECK (length(token) BETWEEN 1 AND 65536),
	at            INTEGER NOT NULL
);

CREATE TRIGGER ledger_timestamps_no_update BEFORE UPDATE ON ledger_timestamps
BEGIN
	SELECT RAISE(ABORT, '时间戳只能追加，不能修改');
END;

CREATE TRIGGER ledger_timestamps_no_delete BEFORE DELETE ON ledger_timestamps
BEGIN
	SELECT RAISE(ABORT, '时间戳只能追加，不能修改');
END;
