/* store_ledger.h - the ledger's rows as the store keeps them: leaves,
 * checkpoints, case headers and exports, cosignatures, key rotations
 * (004_ledger.sql, 007_ledger_bind.sql, 008_checkpoints.sql). With
 * their operations: store.h includes this file twice, first for the
 * types, then inside struct store_ops; nothing else includes it. */
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

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* The ledger (004_ledger.sql): append-only whoever connects.
	 * ledger_hash_get/set: the hash name recorded for the database ("sm3"
	 * unless set); set is FZ_FORBIDDEN once any leaf exists. */
	enum fz_err (*ledger_hash_get)(struct store *st, char out[8], struct fz_error *e);
	enum fz_err (*ledger_hash_set)(struct store *st, const char *name, struct fz_error *e);
	/* Appends lf with the next idx (taken inside the transaction, like an
	 * event's seq: call it in the caller's write transaction) and sets
	 * lf->idx and lf->at. FZ_CONFLICT (field ref_id) when the object
	 * (kind, ref_id) already has a leaf. */
	enum fz_err (*ledger_leaf_append)(struct store *st, struct ledger_leaf *lf,
					  struct fz_error *e);
	/* Number of leaves. */
	enum fz_err (*ledger_size)(struct store *st, int64_t *size, struct fz_error *e);
	/* Up to limit (1..10000) leaves with idx >= from, in idx order. */
	enum fz_err (*ledger_leaves)(struct store *st, struct arena *a, int64_t from, int limit,
				     struct ledger_leaf_list *out, struct fz_error *e);
	/* The leaf of object (kind, ref_id); FZ_NOTFOUND when it has none. */
	enum fz_err (*ledger_leaf_find)(struct store *st, int kind, int64_t ref_id,
					struct ledger_leaf *out, struct fz_error *e);
	/* Ids (ascending, at most limit 1..10000) of case events (kind 1),
	 * evidence (kind 2), documents (kind 3), case headers (kind 4) or
	 * case exports (kind 5) that have no leaf;
	 * FZ_INVALID for another kind. */
	enum fz_err (*ledger_unlogged)(struct store *st, struct arena *a, int kind, int limit,
				       int64_t **ids, size_t *n, struct fz_error *e);
	/* Checkpoints: insert sets cp->id; a tree_size below the last one or
	 * above the ledger's size is FZ_FORBIDDEN. latest is FZ_NOTFOUND when
	 * there is none; list is oldest first. */
	enum fz_err (*checkpoint_insert)(struct store *st, struct ledger_checkpoint_row *cp,
					 struct fz_error *e);
	enum fz_err (*checkpoint_latest)(struct store *st, struct ledger_checkpoint_row *out,
					 struct fz_error *e);
	enum fz_err (*checkpoint_list)(struct store *st, struct arena *a, struct page pg,
				       struct ledger_checkpoint_list *out, struct fz_error *e);
	/* Case headers (kind 4 leaves): case_header_append copies the bound
	 * fields of the case row into a new version when they differ from
	 * the latest one (or there is none) and sets *id, else *id = 0; call
	 * it in the write transaction that changed the row. case_headers lists
	 * a case's versions oldest first. case_header_drift sets *case_id to
	 * the first case whose row differs from its latest version or has
	 * none (0 when every case agrees). */
	enum fz_err (*case_header_append)(struct store *st, int64_t case_id, int64_t at,
					  int64_t *id, struct fz_error *e);
	enum fz_err (*case_header_get)(struct store *st, struct arena *a, int64_t id,
				       struct case_header *out, struct fz_error *e);
	enum fz_err (*case_headers)(struct store *st, struct arena *a, int64_t case_id,
				    struct case_header_list *out, struct fz_error *e);
	enum fz_err (*case_header_drift)(struct store *st, int64_t *case_id, struct fz_error *e);
	/* Case exports (kind 5 leaves): insert sets x->id (x->at 0 = now). */
	enum fz_err (*case_export_insert)(struct store *st, struct case_export *x,
					  struct fz_error *e);
	enum fz_err (*case_export_get)(struct store *st, struct arena *a, int64_t id,
				       struct case_export *out, struct fz_error *e);
	/* How many leaves with idx < before the case has: counts[k] for leaf
	 * kind k (1 events, 2 evidence, 3 documents, 4 headers; counts[0] and
	 * counts[5] are 0). */
	enum fz_err (*ledger_case_counts)(struct store *st, int64_t case_id, int64_t before,
					  int64_t counts[6], struct fz_error *e);
	/* 008_checkpoints.sql. checkpoint_get: by id; checkpoint_at_size: the
	 * latest C2SP checkpoint of exactly size leaves; both FZ_NOTFOUND. */
	enum fz_err (*checkpoint_get)(struct store *st, int64_t id,
				      struct ledger_checkpoint_row *out, struct fz_error *e);
	enum fz_err (*checkpoint_at_size)(struct store *st, int64_t size,
					  struct ledger_checkpoint_row *out, struct fz_error *e);
	/* The log's origin ("" when unset) and required signatures
	 * ("ed25519" or "ed25519,sm2"); set changes both (an origin already
	 * used by a checkpoint is FZ_FORBIDDEN to change). */
	enum fz_err (*ledger_log_get)(struct store *st, char origin[256], char sigs[16],
				      struct fz_error *e);
	enum fz_err (*ledger_log_set)(struct store *st, const char *origin, const char *sigs,
				      struct fz_error *e);
	/* Interior nodes (level >= 1; level 0 reads the leaf hash): put in
	 * the appending transaction, get FZ_NOTFOUND when not stored.
	 * nodes_covered: the number of leaves whose level-1 parents are
	 * stored (even; nodes are filled in leaf order). */
	enum fz_err (*ledger_node_put)(struct store *st, int level, int64_t idx,
				       const unsigned char *hash, size_t len, struct fz_error *e);
	enum fz_err (*ledger_node_get)(struct store *st, int level, int64_t idx,
				       unsigned char *out, size_t *len, struct fz_error *e);
	enum fz_err (*ledger_nodes_covered)(struct store *st, int64_t *leaves, struct fz_error *e);
	/* The leaf with this leaf hash; FZ_NOTFOUND. */
	enum fz_err (*ledger_leaf_by_hash)(struct store *st, const unsigned char *hash, size_t len,
					   struct ledger_leaf *out, struct fz_error *e);
	/* Cosignatures: insert sets id and at (0 = now); the same witness key
	 * on the same checkpoint twice is FZ_CONFLICT. list: a checkpoint's,
	 * in id order. */
	enum fz_err (*cosig_insert)(struct store *st, struct ledger_cosig_row *c,
				    struct fz_error *e);
	enum fz_err (*cosig_list)(struct store *st, struct arena *a, int64_t checkpoint_id,
				  struct ledger_cosig_list *out, struct fz_error *e);
	/* Key rotations: insert sets id and at (0 = now); list gives all,
	 * oldest first (at most 1000). */
	enum fz_err (*rotation_insert)(struct store *st, struct ledger_rotation_row *r,
				       struct fz_error *e);
	enum fz_err (*rotation_list)(struct store *st, struct arena *a,
				     struct ledger_rotation_list *out, struct fz_error *e);
	/* RFC 3161: the configured authority ("" when none; set "" clears
	 * it), and the token of a checkpoint (get: FZ_NOTFOUND when none; the
	 * bytes in a). */
	enum fz_err (*ledger_tsa_get)(struct store *st, char out[512], struct fz_error *e);
	enum fz_err (*ledger_tsa_set)(struct store *st, const char *url, struct fz_error *e);
	enum fz_err (*timestamp_put)(struct store *st, int64_t checkpoint_id, const void *token,
				     size_t len, int64_t at, struct fz_error *e);
	enum fz_err (*timestamp_get)(struct store *st, struct arena *a, int64_t checkpoint_id,
				     unsigned char **token, size_t *len, struct fz_error *e);
#endif /* STORE_OPS_BODY */
