/* ledger_verify.h - `fazhi verify`: re-derive every leaf of the ledger
 * from the tables and the stored files, recompute the tree and every
 * signed checkpoint, and name the first inconsistency. */
#ifndef FZ_APP_LEDGER_VERIFY_H
#define FZ_APP_LEDGER_VERIFY_H

#include "app/ledger.h"
#include "ledger/checkpoint.h"

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
 * table of ledger_verify.c. */
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
};

/* Verifies the ledger of ctx's database against the files in data_dir.
 * trusted_pubkey (may be NULL) is the key every checkpoint must be signed
 * with; NULL uses data_dir/ledger.pub when it exists. Returns FZ_OK when
 * verification ran to its verdict (r->ok); another code when it could not
 * run (storage error, no memory). Reads one snapshot; writes nothing. */
enum fz_err app_ledger_verify(struct app_ctx *ctx, const char *data_dir,
			      const unsigned char *trusted_pubkey,
			      struct ledger_verify_report *r, struct fz_error *e) FZ_MUST_CHECK;

#endif
