/* bundle_publication.h - a decision's publication proof file: what the
 * public may download instead of a case bundle (which holds unredacted
 * evidence). It carries the decision's publication records (ledger leaves
 * of kind 7: publish, withdraw) exactly as encoded in their leaves, each
 * leaf's index and hash, its inclusion proof to one signed checkpoint,
 * that checkpoint as a C2SP signed note with the witnesses' cosignatures,
 * and, for convenience only, the log's verifier keys. Checking it needs
 * nothing but the file and the keys the checker trusts. The format is
 * fixed in docs/LEDGER.md ("Publication proof files"). */
#ifndef FZ_APP_BUNDLE_PUBLICATION_H
#define FZ_APP_BUNDLE_PUBLICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "base/buf.h"
#include "base/err.h"
#include "ledger/hash.h"
#include "ledger/note.h"

#define PUBPROOF_MAGIC "fazhi-publication-proof/v1"
/* The largest proof file read (a decision's text is tens of KiB). */
#define PUBPROOF_MAX (8u << 20)
/* Records of one decision a file may hold (a publication has two). */
#define PUBPROOF_RECORDS_MAX 16

/* The proof file of public publication id (live, withdrawing or
 * withdrawn; FZ_NOTFOUND for any other, as the portal) at the latest
 * signed checkpoint, into out. Public: no permission. FZ_CONFLICT (with
 * the reason in Chinese) when no checkpoint in the C2SP form is signed
 * yet, or one of the decision's records is newer than it (the next
 * checkpoint covers it). Reads only: nothing is recorded. */
enum fz_err app_publication_proof(struct app_ctx *ctx, int64_t id, struct buf *out,
				  struct fz_error *e) FZ_MUST_CHECK;

/* One record as the checker read it from its encoding. */
struct pubproof_record {
	int64_t leaf;          /* leaf index */
	int64_t event_id;      /* publication_events id (the leaf's ref) */
	bool withdraw;         /* action: withdraw, else publish */
	char on[16];           /* YYYY-MM-DD */
	int64_t at;            /* Unix seconds, in the leaf */
	char actor[128];
	char title[512];       /* shortened at a character boundary */
	char text_digest[2 * LEDGER_HASH_MAX + 1]; /* H(text as published), hex */
	int64_t text_len;      /* bytes */
	char reason[512], basis[256];
};

struct pubproof_report {
	bool ok;
	char problem[512];     /* the first thing that does not hold */
	int64_t decision;      /* publication id */
	char agency[256], number[128], status[16]; /* as the file states */
	char hash[8];
	char origin[NOTE_NAME_MAX];
	int64_t tree_size, checkpoint_at;
	char root[2 * LEDGER_HASH_MAX + 1];
	int cosigned;          /* verifying cosignatures of the given witnesses */
	bool number_in_text;   /* the stated number occurs in a proved text */
	bool agency_in_text;   /* so does the stated agency */
	struct pubproof_record rec[PUBPROOF_RECORDS_MAX];
	size_t nrec;
};

/* What the checker trusts: the log's Ed25519 key (required; NULL
 * checks everything but the checkpoint's signature, for fuzzing the
 * parser), witnesses' verifier keys (type 0x04) and how many of them
 * must have cosigned the file's checkpoint. */
struct pubproof_trust {
	const unsigned char *pubkey; /* LEDGER_PUBKEY_LEN bytes */
	const struct note_vkey *witnesses;
	size_t nwitnesses;
	int quorum;
};

/* Checks the proof file data[0..len) offline: the checkpoint's signature
 * with t->pubkey, the cosignatures and quorum, each record's leaf hash
 * recomputed from its encoding and proved against the checkpoint's
 * root, every record the decision's, in leaf order, a publish first, and
 * the stated status and count agreeing with the records. r->ok false
 * names the first failure in Chinese. */
void pubproof_verify(const char *data, size_t len, const struct pubproof_trust *t,
		     struct pubproof_report *r);

/* The hash of the file's checkpoint (its "hash" line), for reading pins
 * before verifying; false when the file has no readable checkpoint. */
bool pubproof_alg(const char *data, size_t len, enum ledger_hash_alg *alg);

#endif
