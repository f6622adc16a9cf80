/* store_ledger.h - the ledger's rows as the store keeps them: leaves,
 * checkpoints, case headers and exports, cosignatures, key rotations
 * (004_ledger.sql, 007_ledger_bind.sql, 008_checkpoints.sql). The
 * operations on them are in store.h's store_ops; store.h includes this
 * file after its STORE_LIST, and nothing else includes it. */
#ifndef FZ_STORE_STORE_LEDGER_H
#define FZ_STORE_STORE_LEDGER_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_ledger.h"
#endif

/* One leaf of the ledger (004_ledger.sql; leaf data in ledger/leaf.h). */
struct ledger_leaf {
	int64_t idx;               /* 0, 1, 2 ... */
	int kind;                  /* enum ledger_kind (app/ledger.h) */
	int64_t ref_id;            /* the object's id in its table */
	unsigned char digest[64];  /* the object's content digest */
	size_t digest_len;
	unsigned char leaf_hash[64];
	size_t hash_len;
	int64_t at;
};
STORE_LIST(ledger_leaf_list, struct ledger_leaf);

/* A signed checkpoint of the ledger as stored. */
struct ledger_checkpoint_row {
	int64_t id;
	int64_t tree_size;
	unsigned char root[64];
	size_t root_len;
	char hash[8];              /* "sm3", "sha256" */
	int64_t at;
	unsigned char pubkey[32];  /* raw Ed25519 */
	unsigned char signature[64];
	/* 008_checkpoints.sql: "" for checkpoints in the older text form */
	char origin[256];
	unsigned char sm2_pubkey[128]; /* DER SubjectPublicKeyInfo; len 0 = none */
	size_t sm2_pubkey_len;
	unsigned char sm2_signature[80];
	size_t sm2_signature_len;
};
STORE_LIST(ledger_checkpoint_list, struct ledger_checkpoint_row);

/* One version of a case's header as the ledger logged it
 * (007_ledger_bind.sql): the case row's bound fields at that time. In c,
 * state, updated_at and agency_name are not set. */
struct case_header {
	int64_t id;
	int64_t case_id;
	int seq;                   /* 1, 2 ... per case */
	int64_t at;
	struct enf_case c;
};
STORE_LIST(case_header_list, struct case_header);

/* A case bundle exported: how many records of each kind the case had. */
struct case_export {
	int64_t id;
	int64_t case_id;
	int64_t at;
	int64_t actor_id;          /* 0 = the shell */
	const char *actor;
	int64_t headers, events, evidence, documents;
};
/* A witness's cosignature of a checkpoint (C2SP tlog-cosignature v1). */
struct ledger_cosig_row {
	int64_t id;
	int64_t checkpoint_id;
	char name[256];              /* the witness's key name */
	uint32_t key_id;
	unsigned char signature[72]; /* timestamp (8, BE) || Ed25519 (64) */
	int64_t at;                  /* when the log received it */
};
STORE_LIST(ledger_cosig_list, struct ledger_cosig_row);

/* A rotation of the log's signing key (008_checkpoints.sql). */
struct ledger_rotation_row {
	int64_t id;
	unsigned char old_pubkey[32];
	unsigned char new_pubkey[32];
	char *note; /* the signed note, in the caller's arena */
	int64_t at;
};
STORE_LIST(ledger_rotation_list, struct ledger_rotation_row);
STORE_LIST(evidence_list, struct evidence);

#endif
