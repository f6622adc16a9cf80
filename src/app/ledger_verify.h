/* ledger_verify.h - `fazhi verify`: re-derive every leaf of the ledger
 * from the tables and the stored files, recompute the tree and every
 * signed checkpoint, and name the first inconsistency. */
#ifndef FZ_APP_LEDGER_VERIFY_H
#define FZ_APP_LEDGER_VERIFY_H

#include "app/ledger.h"
#include "ledger/checkpoint.h"
#include "ledger/note.h"

/* One object re-derived from the tables (and its file, if it has one). */
struct ledger_rederived {
	unsigned char digest[LEDGER_DIGEST_MAX]; /* content digest */
	size_t len;
	char what[200];    /* names the object: "案件 X 第 S 个事件" */
	char problem[256]; /* why the object itself is wrong (its file is
	                    * missing or changed), "" when it is not */
	int64_t files;     /* files hashed */
	int64_t bytes;     /* bytes hashed (records and files) */
	int64_t at;        /* the record's own time (event at, uploaded at,
	                    * created at ...): its leaf's time must equal it */
	int64_t case_id;   /* an event's case */
};

/* How verify re-derives one kind of leaf: fill out from the tables and
 * the data directory; FZ_NOTFOUND when the object is gone (verify names
 * it); other codes stop verification. One per enum ledger_kind, in the
 * table of ledger_rederive.c. */
typedef enum fz_err (*ledger_rederive_fn)(struct app_ctx *ctx, enum ledger_hash_alg alg,
					  const char *data_dir, const struct ledger_leaf *lf,
					  struct ledger_rederived *out, struct fz_error *e);

struct ledger_verify_report {
	bool ok;
	char problem[512];    /* the first inconsistency, Chinese; "" if ok */
	char hash[8];         /* "sm3" / "sha256" */
	int64_t leaves;       /* leaves re-derived */
	int64_t by_kind[LEDGER_KIND_MAX + 1]; /* ... per enum ledger_kind */
	int64_t files;        /* stored files re-hashed */
	int64_t bytes;        /* bytes hashed: records, leaf data, files */
	int64_t checkpoints;  /* checkpoints whose root and signature held */
	int64_t unsigned_tail; /* leaves after the latest checkpoint */
	/* with a struct ledger_trust (below) */
	int64_t pins;          /* pinned checkpoints the log was consistent with */
	int64_t witnessed_size; /* largest checkpoint with a quorum of cosignatures */
	int64_t cosignatures;  /* cosignatures that verified */
};

/* What an outsider brings to verification instead of trusting the files
 * beside the database (docs/LEDGER.md, "Verification"): the log's public
 * key, earlier published checkpoints (pins) the present log must still
 * contain, and witness keys with a quorum. */
struct ledger_pin {
	int64_t size;
	unsigned char root[LEDGER_HASH_MAX];
	size_t root_len;
	char from[160]; /* where it came from, for messages */
	int cosigned;   /* a --checkpoint file's verifying cosignatures from
	                 * the given witnesses (verify-bundle) */
};
struct ledger_trust {
	const unsigned char *pubkey; /* NULL: data_dir's ledger.pub */
	const struct note_vkey *witnesses;
	size_t nwitnesses;
	int quorum;                  /* cosignatures needed (1..nwitnesses) */
	const struct ledger_pin *pins;
	size_t npins;
	/* filled by verify: pubkey and the keys it rotated to (key
	 * rotations signed by both keys), 32 bytes each, and for each the
	 * smallest tree that holds the rotation's leaf (0 for pubkey): a
	 * checkpoint the key signed must be at least that large */
	const unsigned char *keys;
	const int64_t *keys_from;
	size_t nkeys;
};

/* Verifies the ledger of ctx's database against the files in data_dir.
 * trusted_pubkey (may be NULL) is the key every checkpoint must be signed
 * with; NULL uses data_dir/ledger.pub when it exists. Returns FZ_OK when
 * verification ran to its verdict (r->ok); another code when it could not
 * run (storage error, no memory). Reads one snapshot; writes nothing. */
enum fz_err app_ledger_verify(struct app_ctx *ctx, const char *data_dir,
			      const unsigned char *trusted_pubkey,
			      struct ledger_verify_report *r, struct fz_error *e) FZ_MUST_CHECK;

/* app_ledger_verify with trust anchors: every checkpoint is signed by
 * t->pubkey; each pin's size has that root in the present log (a
 * shorter log is named as truncated); with witnesses, every stored
 * cosignature from a given witness key verifies, and some checkpoint has
 * t->quorum of them. */
enum fz_err app_ledger_verify_trusted(struct app_ctx *ctx, const char *data_dir,
				      const struct ledger_trust *t,
				      struct ledger_verify_report *r, struct fz_error *e)
	FZ_MUST_CHECK;

/* The checks a trust adds, one call each from the walk
 * (ledger_verify_trust.c). problem gets the first failure; false then. */
bool ledger_trust_checkpoint(struct app_ctx *ctx, const struct ledger_trust *t,
			     const unsigned char *data_dir_sm2, size_t data_dir_sm2_len,
			     bool require_sm2, const struct ledger_checkpoint_row *row,
			     struct ledger_verify_report *r, char *problem, size_t n);
bool ledger_trust_pins_at(const struct ledger_trust *t, int64_t size, const unsigned char *root,
			  size_t root_len, struct ledger_verify_report *r, char *problem, size_t n);
/* Fills t->keys: t->pubkey and every key a verifying rotation statement
 * leads to from it; false (problem set) on a forged statement. */
bool ledger_trust_keys(struct app_ctx *ctx, struct ledger_trust *t,
		       struct ledger_verify_report *r, char *problem, size_t n);
bool ledger_trust_finish(const struct ledger_trust *t, int64_t size,
			 struct ledger_verify_report *r, char *problem, size_t n);

#endif
